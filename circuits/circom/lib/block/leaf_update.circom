pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "../quad_merkle.circom";

// One account leaf and one of its balances change together: the old values with their audit paths must
// give `rootBefore`; the new values on the same paths give `rootAfter`. The paths' indices are range-checked
// to the tree depths here; callers bind them to the operation's account and token.
template LeafUpdate(accountDepth, balanceDepth) {
    var accountLevels = accountDepth \ 2;
    var balanceLevels = balanceDepth \ 2;
    signal input accountIndex;
    signal input tokenIndex;
    signal input oldNonce;
    signal input oldPubKeyHash;
    signal input oldAddress;
    signal input oldBalance;
    signal input accountSiblings[accountLevels][3];
    signal input balanceSiblings[balanceLevels][3];
    signal input newNonce;
    signal input newPubKeyHash;
    signal input newAddress;
    signal input newBalance;
    signal output rootBefore;
    signal output rootAfter;

    component accountBits = Num2Bits(accountDepth);
    accountBits.in <== accountIndex;
    component tokenBits = Num2Bits(balanceDepth);
    tokenBits.in <== tokenIndex;

    component oldBalanceRoot = QuadMerkleRoot(balanceLevels);
    oldBalanceRoot.leaf <== oldBalance;
    oldBalanceRoot.indexBits <== tokenBits.out;
    oldBalanceRoot.siblings <== balanceSiblings;
    component oldLeaf = AccountLeaf();
    oldLeaf.nonce <== oldNonce;
    oldLeaf.pubKeyHash <== oldPubKeyHash;
    oldLeaf.address <== oldAddress;
    oldLeaf.balanceRoot <== oldBalanceRoot.root;
    component oldRoot = QuadMerkleRoot(accountLevels);
    oldRoot.leaf <== oldLeaf.hash;
    oldRoot.indexBits <== accountBits.out;
    oldRoot.siblings <== accountSiblings;
    rootBefore <== oldRoot.root;

    component newBalanceRoot = QuadMerkleRoot(balanceLevels);
    newBalanceRoot.leaf <== newBalance;
    newBalanceRoot.indexBits <== tokenBits.out;
    newBalanceRoot.siblings <== balanceSiblings;
    component newLeaf = AccountLeaf();
    newLeaf.nonce <== newNonce;
    newLeaf.pubKeyHash <== newPubKeyHash;
    newLeaf.address <== newAddress;
    newLeaf.balanceRoot <== newBalanceRoot.root;
    component newRoot = QuadMerkleRoot(accountLevels);
    newRoot.leaf <== newLeaf.hash;
    newRoot.indexBits <== accountBits.out;
    newRoot.siblings <== accountSiblings;
    rootAfter <== newRoot.root;
}
