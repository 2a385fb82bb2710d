pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// The arguments every chunk carries: the fields of its operation (equal across the operation's chunks).
// Their meaning depends on the operation (circuits/src/block/chunk-args.ts maps each operation onto them):
// A0..A4 account ids, T0..T2 token ids (T0 is always the fee token), AMT0/AMT1 amounts with their packed
// forms (M0,E0)/(M1,E1), the packed fee (FM,FE), nonces N0..N2, addresses ADDR0..ADDR2, a PubKeyHash PKH0,
// validity ranges (VF0,VU0)/(VF1,VU1), an NFT content hash (CH_HI,CH_LO) and serial id, swap prices
// RA0/RA1/RB0/RB1 and the swap nonce mask bits.
function ARG_COUNT() { return 36; }
function ARG_A0() { return 0; }
function ARG_A1() { return 1; }
function ARG_A2() { return 2; }
function ARG_A3() { return 3; }
function ARG_A4() { return 4; }
function ARG_T0() { return 5; }
function ARG_T1() { return 6; }
function ARG_T2() { return 7; }
function ARG_AMT0() { return 8; }
function ARG_AMT1() { return 9; }
function ARG_M0() { return 10; }
function ARG_E0() { return 11; }
function ARG_M1() { return 12; }
function ARG_E1() { return 13; }
function ARG_FM() { return 14; }
function ARG_FE() { return 15; }
function ARG_N0() { return 16; }
function ARG_N1() { return 17; }
function ARG_N2() { return 18; }
function ARG_ADDR0() { return 19; }
function ARG_ADDR1() { return 20; }
function ARG_ADDR2() { return 21; }
function ARG_PKH0() { return 22; }
function ARG_VF0() { return 23; }
function ARG_VU0() { return 24; }
function ARG_VF1() { return 25; }
function ARG_VU1() { return 26; }
function ARG_CH_HI() { return 27; }
function ARG_CH_LO() { return 28; }
function ARG_SERIAL() { return 29; }
function ARG_RA0() { return 30; }
function ARG_RA1() { return 31; }
function ARG_RB0() { return 32; }
function ARG_RB1() { return 33; }
function ARG_MASK_A() { return 34; }
function ARG_MASK_B() { return 35; }

function ARG_WIDTH(arg) {
    var width[36] = [
        32, 32, 32, 32, 32,      // A0..A4
        32, 32, 32,              // T0..T2
        128, 128, 35, 5, 35, 5,  // AMT0, AMT1, M0, E0, M1, E1
        11, 5,                   // FM, FE
        32, 32, 32,              // N0..N2
        160, 160, 160, 160,      // ADDR0..ADDR2, PKH0
        64, 64, 64, 64,          // VF0, VU0, VF1, VU1
        128, 128, 32,            // CH_HI, CH_LO, SERIAL
        120, 120, 120, 120,      // RA0, RA1, RB0, RB1
        1, 1                     // MASK_A, MASK_B
    ];
    return width[arg];
}

// Range-checks every argument to its width; bits[a][k] is bit k (least significant first) of argument a,
// 0 above its width.
template ArgBits() {
    signal input args[ARG_COUNT()];
    signal output bits[ARG_COUNT()][160];

    component decompose[ARG_COUNT()];
    for (var a = 0; a < ARG_COUNT(); a++) {
        var width = ARG_WIDTH(a);
        decompose[a] = Num2Bits(width);
        decompose[a].in <== args[a];
        for (var k = 0; k < 160; k++) bits[a][k] <== k < width ? decompose[a].out[k] : 0;
    }
}

// 10^exponent for a 5-bit exponent given as bits, by square-and-multiply over constants.
template PowerOfTen() {
    signal input exponentBits[5];
    signal output out;
    signal partial[5];
    partial[0] <== 1 + exponentBits[0] * 9;
    for (var k = 1; k < 5; k++) partial[k] <== partial[k - 1] * (1 + exponentBits[k] * (10 ** (2 ** k) - 1));
    out <== partial[4];
}
