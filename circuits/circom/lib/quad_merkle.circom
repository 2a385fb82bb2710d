pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";

// Gadgets for zkLite's 4-ary Poseidon trees (docs/protocol-deltas.md, "State tree"):
// node = Poseidon(c0, c1, c2, c3); the path node at height h sits in slot (index >> 2h) & 3;
// an audit path lists, per level, the three siblings in slot order without the path node's own slot.

// Places `node` at slot (slotBits[0] + 2 * slotBits[1]) among the three ordered `siblings`.
// The slot bits must already be constrained to be bits (they come from a Num2Bits of the index).
template QuadChildren() {
    signal input node;
    signal input slotBits[2];
    signal input siblings[3];
    signal output children[4];

    // one-hot slot selector: isSlot[k] = 1 exactly when the slot is k
    signal isSlot3 <== slotBits[0] * slotBits[1];
    signal isSlot0 <== 1 - slotBits[0] - slotBits[1] + isSlot3;
    signal isSlot1 <== slotBits[0] - isSlot3;
    signal isSlot2 <== slotBits[1] - isSlot3;

    // child i is the node when slot == i, siblings[i] when slot > i and siblings[i - 1] when slot < i
    signal take0 <== isSlot0 * (node - siblings[0]);
    children[0] <== siblings[0] + take0;

    signal shift1 <== isSlot0 * (siblings[0] - siblings[1]);
    signal take1 <== isSlot1 * (node - siblings[1]);
    children[1] <== siblings[1] + shift1 + take1;

    signal shift2 <== (isSlot0 + isSlot1) * (siblings[1] - siblings[2]);
    signal take2 <== isSlot2 * (node - siblings[2]);
    children[2] <== siblings[2] + shift2 + take2;

    signal keep3 <== (1 - isSlot3) * (siblings[2] - node);
    children[3] <== node + keep3;
}

// Root of a 4-ary tree of `levels` levels implied by `leaf` at the index whose bits (least significant
// first, 2 per level) are `indexBits`, and its audit path `siblings`.
template QuadMerkleRoot(levels) {
    signal input leaf;
    signal input indexBits[2 * levels];
    signal input siblings[levels][3];
    signal output root;

    component place[levels];
    component hash[levels];
    signal nodes[levels + 1];
    nodes[0] <== leaf;
    for (var level = 0; level < levels; level++) {
        place[level] = QuadChildren();
        place[level].node <== nodes[level];
        place[level].slotBits[0] <== indexBits[2 * level];
        place[level].slotBits[1] <== indexBits[2 * level + 1];
        place[level].siblings <== siblings[level];

        hash[level] = Poseidon(4);
        hash[level].inputs <== place[level].children;
        nodes[level + 1] <== hash[level].out;
    }
    root <== nodes[levels];
}

// Account leaf: Poseidon(nonce, pubKeyHash, address, processableRoot, extendedRoot), the 160-bit fields as
// integers; the account's balances of tokens below 2^10 are in its processable tree, all others in its
// extended tree (docs/protocol-deltas.md, "State tree").
template AccountLeaf() {
    signal input nonce;
    signal input pubKeyHash;
    signal input address;
    signal input processableRoot;
    signal input extendedRoot;
    signal output hash;

    component poseidon = Poseidon(5);
    poseidon.inputs <== [nonce, pubKeyHash, address, processableRoot, extendedRoot];
    hash <== poseidon.out;
}
