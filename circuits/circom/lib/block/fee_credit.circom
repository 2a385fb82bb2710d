pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "leaf_update.circom";

// Credits one fee slot's total to the block's fee account when the block ends (PROTOCOL.md §4.5): the
// account must exist, the token is processable (< 2^10), and the balance stays a u128.
template FeeCredit(accountDepth, balanceDepth) {
    var accountLevels = accountDepth \ 2;
    var balanceLevels = balanceDepth \ 2;
    signal input rootBefore;
    signal input feeAccountId;
    signal input token;
    signal input amount;
    signal input oldNonce;
    signal input oldPubKeyHash;
    signal input oldAddress;
    signal input oldBalance;
    signal input accountSiblings[accountLevels][3];
    signal input balanceSiblings[balanceLevels][3];
    signal output rootAfter;

    component processable = Num2Bits(10);
    processable.in <== token;
    component noAccount = IsZero();
    noAccount.in <== oldAddress;
    noAccount.out === 0;
    signal newBalance <== oldBalance + amount;
    component range = Num2Bits(128);
    range.in <== newBalance;

    component leaf = LeafUpdate(accountDepth, balanceDepth);
    leaf.accountIndex <== feeAccountId;
    leaf.tokenIndex <== token;
    leaf.oldNonce <== oldNonce;
    leaf.oldPubKeyHash <== oldPubKeyHash;
    leaf.oldAddress <== oldAddress;
    leaf.oldBalance <== oldBalance;
    leaf.accountSiblings <== accountSiblings;
    leaf.balanceSiblings <== balanceSiblings;
    leaf.newNonce <== oldNonce;
    leaf.newPubKeyHash <== oldPubKeyHash;
    leaf.newAddress <== oldAddress;
    leaf.newBalance <== newBalance;
    leaf.rootBefore === rootBefore;
    rootAfter <== leaf.rootAfter;
}
