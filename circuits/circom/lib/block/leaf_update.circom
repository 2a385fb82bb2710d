pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "../quad_merkle.circom";

// Token ids below 2^PROCESSABLE_TOKEN_DEPTH() have their balances in the account's processable tree.
function PROCESSABLE_TOKEN_DEPTH() { return 10; }

// One account leaf and one of its balances change together: the old values with their audit paths must
// give `rootBefore`; the new values on the same paths give `rootAfter`.
// A processable token's balance (`extended` = 0) is proven here on the account's processable tree, and
// `otherRoot` is the account's extended root. Any other token's balance (`extended` = 1) is proven by an
// extended lane (extended_lane.circom), which hands over the extended tree's roots before and after
// (`laneOldRoot`, `laneNewRoot`); `otherRoot` is then the processable root and `processableSiblings` are
// ignored. `extended` must be 0 or 1 and `tokenBits` bits; callers bind the indices to the operation.
template LeafUpdate(accountDepth) {
    var accountLevels = accountDepth \ 2;
    var processableLevels = PROCESSABLE_TOKEN_DEPTH() \ 2;
    signal input accountIndex;
    signal input tokenBits[PROCESSABLE_TOKEN_DEPTH()];
    signal input extended;
    signal input oldNonce;
    signal input oldPubKeyHash;
    signal input oldAddress;
    signal input oldBalance;
    signal input newNonce;
    signal input newPubKeyHash;
    signal input newAddress;
    signal input newBalance;
    signal input accountSiblings[accountLevels][3];
    signal input processableSiblings[processableLevels][3];
    signal input otherRoot;
    signal input laneOldRoot;
    signal input laneNewRoot;
    signal output rootBefore;
    signal output rootAfter;

    component accountBits = Num2Bits(accountDepth);
    accountBits.in <== accountIndex;

    component oldProcessable = QuadMerkleRoot(processableLevels);
    oldProcessable.leaf <== oldBalance;
    oldProcessable.indexBits <== tokenBits;
    oldProcessable.siblings <== processableSiblings;
    component newProcessable = QuadMerkleRoot(processableLevels);
    newProcessable.leaf <== newBalance;
    newProcessable.indexBits <== tokenBits;
    newProcessable.siblings <== processableSiblings;

    signal oldProcessableRoot <== oldProcessable.root + extended * (otherRoot - oldProcessable.root);
    signal newProcessableRoot <== newProcessable.root + extended * (otherRoot - newProcessable.root);
    signal oldExtendedRoot <== otherRoot + extended * (laneOldRoot - otherRoot);
    signal newExtendedRoot <== otherRoot + extended * (laneNewRoot - otherRoot);

    component oldLeaf = AccountLeaf();
    oldLeaf.nonce <== oldNonce;
    oldLeaf.pubKeyHash <== oldPubKeyHash;
    oldLeaf.address <== oldAddress;
    oldLeaf.processableRoot <== oldProcessableRoot;
    oldLeaf.extendedRoot <== oldExtendedRoot;
    component oldRoot = QuadMerkleRoot(accountLevels);
    oldRoot.leaf <== oldLeaf.hash;
    oldRoot.indexBits <== accountBits.out;
    oldRoot.siblings <== accountSiblings;
    rootBefore <== oldRoot.root;

    component newLeaf = AccountLeaf();
    newLeaf.nonce <== newNonce;
    newLeaf.pubKeyHash <== newPubKeyHash;
    newLeaf.address <== newAddress;
    newLeaf.processableRoot <== newProcessableRoot;
    newLeaf.extendedRoot <== newExtendedRoot;
    component newRoot = QuadMerkleRoot(accountLevels);
    newRoot.leaf <== newLeaf.hash;
    newRoot.indexBits <== accountBits.out;
    newRoot.siblings <== accountSiblings;
    rootAfter <== newRoot.root;
}
