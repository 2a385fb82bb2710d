pragma circom 2.1.0;

include "circomlib/circuits/comparators.circom";

// Facts about token ids given as 32 bits (least significant first), PROTOCOL.md §1.1:
// valid = id <= MAX_TOKEN_ID (2^31 - 3) and inside the balance tree; fungible = id < 2^16 (NFT ids are
// larger); processable = id < 2^10 (fees, deposits, withdrawals, forced exits).
template TokenPredicates(balanceDepth) {
    signal input t0[32];
    signal input t1[32];
    signal input t2[32];
    signal output t0Valid;
    signal output t0Fungible;
    signal output t0Processable;
    signal output t1Valid;
    signal output t1ValidNft;
    signal output t2Valid;

    component valid[3];
    valid[0] = TokenIdValid(balanceDepth);
    valid[0].bits <== t0;
    valid[1] = TokenIdValid(balanceDepth);
    valid[1].bits <== t1;
    valid[2] = TokenIdValid(balanceDepth);
    valid[2].bits <== t2;
    t0Valid <== valid[0].out;
    t1Valid <== valid[1].out;
    t2Valid <== valid[2].out;

    component t0Below2p16 = HighBitsZero(16);
    t0Below2p16.bits <== t0;
    t0Fungible <== t0Below2p16.out;
    component t0Below2p10 = HighBitsZero(10);
    t0Below2p10.bits <== t0;
    t0Processable <== t0Below2p10.out;
    component t1Below2p16 = HighBitsZero(16);
    t1Below2p16.bits <== t1;
    t1ValidNft <== t1Valid * (1 - t1Below2p16.out);
}

// 1 when bits[from..31] are all zero.
template HighBitsZero(from) {
    signal input bits[32];
    signal output out;
    var high = 0;
    for (var k = from; k < 32; k++) high += bits[k];
    component zero = IsZero();
    zero.in <== high;
    out <== zero.out;
}

// 1 when the id is at most 2^31 - 3 (not 2^31 - 2, the NFT counters' id, nor 2^31 - 1, nor >= 2^31) and
// fits a balance tree of `balanceDepth` bits.
template TokenIdValid(balanceDepth) {
    signal input bits[32];
    signal output out;
    var middle = 0;
    for (var k = 1; k < 31; k++) middle += bits[k];
    component reserved = IsEqual();
    reserved.in <== [middle, 30];
    var above = bits[31];
    for (var k = balanceDepth; k < 31; k++) above += bits[k];
    component fits = IsZero();
    fits.in <== above;
    out <== fits.out * (1 - reserved.out);
}
