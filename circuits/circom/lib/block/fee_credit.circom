pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "leaf_update.circom";

// Credits one fee slot's total to the block's fee account when the block ends (PROTOCOL.md §4.5): the
// account must exist, the token is processable (< 2^10), and the balance stays a u128.
template FeeCredit(accountDepth) {
    var accountLevels = accountDepth \ 2;
    signal input rootBefore;
    signal input feeAccountId;
    signal input token;
    signal input amount;
    signal input oldNonce;
    signal input oldPubKeyHash;
    signal input oldAddress;
    signal input oldBalance;
    signal input accountSiblings[accountLevels][3];
    signal input processableSiblings[PROCESSABLE_TOKEN_DEPTH() \ 2][3];
    signal input extendedRoot;
    signal output rootAfter;

    component processable = Num2Bits(PROCESSABLE_TOKEN_DEPTH());
    processable.in <== token;
    component noAccount = IsZero();
    noAccount.in <== oldAddress;
    noAccount.out === 0;
    signal newBalance <== oldBalance + amount;
    component range = Num2Bits(128);
    range.in <== newBalance;

    component leaf = LeafUpdate(accountDepth);
    leaf.accountIndex <== feeAccountId;
    leaf.tokenBits <== processable.out;
    leaf.extended <== 0;
    leaf.oldNonce <== oldNonce;
    leaf.oldPubKeyHash <== oldPubKeyHash;
    leaf.oldAddress <== oldAddress;
    leaf.oldBalance <== oldBalance;
    leaf.accountSiblings <== accountSiblings;
    leaf.processableSiblings <== processableSiblings;
    leaf.otherRoot <== extendedRoot;
    leaf.laneOldRoot <== 0;
    leaf.laneNewRoot <== 0;
    leaf.newNonce <== oldNonce;
    leaf.newPubKeyHash <== oldPubKeyHash;
    leaf.newAddress <== oldAddress;
    leaf.newBalance <== newBalance;
    leaf.rootBefore === rootBefore;
    rootAfter <== leaf.rootAfter;
}
