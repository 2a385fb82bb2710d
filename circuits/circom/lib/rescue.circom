pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "generated/rescue_constants.circom";

// zkSync's Rescue over the BN254 scalar field (PROTOCOL.md §2.3): width 3, rate 2, 44 half-rounds alternating
// x^(1/5) and x^5 S-boxes, franklin-crypto's fixed-length sponge. Constants come from generated/ (written from
// @zklite/crypto-wasm by scripts/generate-circom-constants.mjs). Also the strict bit decompositions that every
// reader of a Rescue digest (PubKeyHash, NFT digest, signature challenge) needs.

// x^5 (3 constraints).
template RescueFifthPower() {
    signal input in;
    signal output out;

    signal square <== in * in;
    signal fourth <== square * square;
    out <== fourth * in;
}

// x^(1/5): the root is a witness, constrained by its fifth power (3 constraints). x -> x^5 is a bijection of
// the field (gcd(5, p - 1) = 1), so the root is unique.
template RescueFifthRoot() {
    signal input in;
    signal output out;

    out <-- in ** RESCUE_ALPHA_INVERSE();
    signal square <== out * out;
    signal fourth <== square * square;
    in === fourth * out;
}

// The Rescue permutation: add the first round constants, then per half-round the S-box layer (fifth roots on
// even half-rounds, fifth powers on odd ones), the MDS matrix and the next round constants. 396 constraints:
// the linear layers cost nothing.
template RescuePermutation() {
    signal input in[3];
    signal output out[3];

    var HALF_ROUNDS = 44;
    var RC[135] = RESCUE_ROUND_CONSTANTS();
    var MDS[3][3] = RESCUE_MDS();

    signal sboxed[HALF_ROUNDS][3];
    var state[3];
    for (var i = 0; i < 3; i++) state[i] = in[i] + RC[i];
    for (var round = 0; round < HALF_ROUNDS; round++) {
        for (var i = 0; i < 3; i++) {
            if (round % 2 == 0) {
                sboxed[round][i] <== RescueFifthRoot()(state[i]);
            } else {
                sboxed[round][i] <== RescueFifthPower()(state[i]);
            }
        }
        for (var i = 0; i < 3; i++) {
            state[i] = RC[3 * (round + 1) + i];
            for (var j = 0; j < 3; j++) state[i] += MDS[i][j] * sboxed[round][j];
        }
    }
    for (var i = 0; i < 3; i++) out[i] <== state[i];
}

// franklin-crypto's fixed-length sponge over n elements (1 <= n < 256): the state starts as [0, 0, n]; the input,
// padded with ones to an even length, is added two elements at a time into state[0], state[1], each pair
// followed by a permutation. `state` is the final state: RescueHash reads state[0]; the signature challenge
// (StatefulRescue specialised to n, squeezed twice) reads state[0] and state[1].
template RescueSpongeState(n) {
    signal input in[n];
    signal output state[3];

    assert(n >= 1 && n < 256);
    var absorptions = (n + 1) \ 2;
    signal permuted[absorptions][3];
    var current[3] = [0, 0, n];
    for (var a = 0; a < absorptions; a++) {
        var second = 1;
        if (2 * a + 1 < n) second = in[2 * a + 1];
        permuted[a] <== RescuePermutation()([current[0] + in[2 * a], current[1] + second, current[2]]);
        for (var i = 0; i < 3; i++) current[i] = permuted[a][i];
    }
    state <== permuted[absorptions - 1];
}

// RescueHash(inputs) of PROTOCOL.md §2.3 (mode 1): tree nodes, PubKeyHash, tx-message and NFT hashes.
template RescueHash(n) {
    signal input in[n];
    signal output out;

    signal state[3] <== RescueSpongeState(n)(in);
    out <== state[0];
}

// The n bits (least significant first) of `in`, whose integer value must not exceed maxValue (< 2^n). With
// maxValue = p - 1 this is the unique, canonical decomposition of a field element; n + max(n - k, k) + 3
// constraints with k = n \ 2, about half of what circomlib's Num2Bits_strict spends on its alias check.
// The bound check splits the value into high * 2^k + low and the bound into maxHigh * 2^k + maxLow:
// value <= maxValue iff high < maxHigh, or high == maxHigh and low <= maxLow. One range check covers both
// cases: slack = maxLow - low when high == maxHigh, maxHigh - 1 - high otherwise, and must fit in
// max(n - k, k) bits (a "negative" slack is a field element near p, far above that).
template BoundedBits(n, maxValue) {
    signal input in;
    signal output bits[n];

    assert(n >= 2 && n <= 254);
    assert(maxValue >> n == 0);
    var lowBits = n \ 2;
    var highBits = n - lowBits;
    var maxHigh = maxValue >> lowBits;
    var maxLow = maxValue & ((1 << lowBits) - 1);

    var value = 0;
    var high = 0;
    var low = 0;
    for (var i = 0; i < n; i++) {
        bits[i] <-- (in >> i) & 1;
        bits[i] * (bits[i] - 1) === 0;
        value += bits[i] * (1 << i);
        if (i < lowBits) {
            low += bits[i] * (1 << i);
        } else {
            high += bits[i] * (1 << (i - lowBits));
        }
    }
    value === in;

    signal highIsMax <== IsZero()(high - maxHigh);
    signal slack <== highIsMax * ((maxLow - low) - (maxHigh - 1 - high)) + (maxHigh - 1 - high);
    _ <== Num2Bits(highBits > lowBits ? highBits : lowBits)(slack);
}

// The canonical 254 bits of a field element (value <= p - 1; -1 is p - 1 in circom). 384 constraints.
template FieldBits() {
    signal input in;
    signal output bits[254];

    bits <== BoundedBits(254, -1)(in);
}
