pragma circom 2.1.0;

include "circomlib/circuits/babyjub.circom";
include "circomlib/circuits/escalarmulfix.circom";
include "circomlib/circuits/montgomery.circom";
include "rescue.circom";
include "generated/alt_babyjubjub_constants.circom";

// zkSync Lite's transaction signature (PROTOCOL.md §2.4) and PubKeyHash (§1.3) in circom.
// Points come in zkSync's AltBabyJubjub coordinates (a = -1); the curve arithmetic runs on circomlib's
// BabyJubJub, the same curve rescaled: x_baby = ALT_TO_BABYJUB_X_SCALE() * x_alt, y unchanged (a linear map,
// free in R1CS). Montgomery form (u, v) = ((1 + y) / (1 - y), u / x_baby) with A = 168698, B = 1, as in
// circomlib's montgomery.circom.

// PubKeyHash of a public key (x, y): the low 160 bits of RescueHash([x, y]), i.e. the 20-byte big-endian
// PubKeyHash read as an integer. 780 constraints.
template ZkSyncPubKeyHash() {
    signal input pkx;
    signal input pky;
    signal output pubKeyHash;

    signal hash <== RescueHash(2)([pkx, pky]);
    signal bits[254] <== FieldBits()(hash);
    var low = 0;
    for (var i = 0; i < 160; i++) low += bits[i] * (1 << i);
    pubKeyHash <== low;
}

// (x, y) is on AltBabyJubjub and not of small order (8·P != O). On the curve, 8·P = O iff x(4·P) = 0, and the
// doubling formulas x(2Q) = 2xy / (1 + d x²y²), y(2Q) = (y² + x²) / (1 - d x²y²) (never-zero denominators)
// turn that into x·y·(x² + y²) = 0, so the check is that this product has an inverse. 6 constraints.
template AltBabyJubjubNotSmallOrder() {
    signal input x;
    signal input y;

    signal xx <== x * x;
    signal yy <== y * y;
    signal xxyy <== xx * yy;
    yy - xx === 1 + ALT_BABYJUBJUB_D() * xxyy;

    signal xy <== x * y;
    signal product <== xy * (xx + yy);
    signal inverse <-- product != 0 ? 1 / product : 0;
    product * inverse === 1;
}

// 2·D + T on the Montgomery curve in 5 constraints, as (D + T) + D without computing y(D + T)
// (Eisenträger–Lauter–Montgomery). The caller guarantees D != ±T and 2·D + T != O: D = T would leave the first
// slope unconstrained; D = -T or D + T = -D make the constraints unsatisfiable.
template MontgomeryDoubleAndAdd() {
    signal input in[2];
    signal input addend[2];
    signal output out[2];

    var A = 168698;
    var B = 1;

    // S = D + T
    signal slope1;
    slope1 <-- (addend[1] - in[1]) / (addend[0] - in[0]);
    slope1 * (addend[0] - in[0]) === addend[1] - in[1];
    signal sumX <== B * slope1 * slope1 - A - in[0] - addend[0];

    // S + D: with y(S) = slope1·(x(D) - x(S)) - y(D), its slope is 2·y(D) / (x(D) - x(S)) - slope1
    signal slope2;
    slope2 <-- 2 * in[1] / (in[0] - sumX) - slope1;
    (slope1 + slope2) * (in[0] - sumX) === 2 * in[1];
    out[0] <== B * slope2 * slope2 - A - sumX - in[0];
    out[1] <== slope2 * (in[0] - out[0]) - in[1];
}

// (sum of e[i]·2^i)·P for a BabyJubJub point P (twisted Edwards) that is not of small order; n even. 13
// constraints per 2 bits (circomlib's EscalarMulAny spends 9 per bit).
//
// Bits e[1..n-1] are read as signed digits t = 2e - 1 in {-1, 1}, most significant first, into an accumulator
// k·P: k = 1, then k = 2k + t for the top digit, then k = 4k + (2·t_hi + t_lo) for each following pair, ending
// at k = 2·(e >> 1) + 1 = e + 1 - e[0]. A final complete addition subtracts P when e[0] = 0.
// Each pair costs a doubling D = 2·(k·P) and MontgomeryDoubleAndAdd(D, T) with T = ±P or ±3P. Its exceptional
// cases need 2k ± 1 or 2k ± 3 (odd, non-zero, below 2^250 < l) to be a multiple of the order of P, which is at
// least l when P is not of small order (the group has order 8·l); a doubling would need k·P of order 2, and
// 3P = 2P + P would need 3P or P to be O. So every step has a unique witness, with or without a small-order
// component in P. The caller checks that P is not of small order (which also keeps x != 0, y != 1 for the
// Montgomery map). 1,633 constraints for n = 250.
template BabyJubJubScalarMul(n) {
    signal input e[n];
    signal input point[2];
    signal output out[2];

    assert(n >= 4 && n % 2 == 0 && n <= 250);

    signal base[2] <== Edwards2Montgomery()(point);
    signal doubleBase[2] <== MontgomeryDouble()(base);
    signal tripleBase[2] <== MontgomeryAdd()(doubleBase, base);

    var pairs = (n - 2) \ 2;
    signal acc[pairs + 1][2];
    acc[0][0] <== base[0] + e[n - 1] * (tripleBase[0] - base[0]);
    acc[0][1] <== base[1] + e[n - 1] * (tripleBase[1] - base[1]);

    signal bothSet[pairs];
    signal addendX[pairs];
    signal addendAbsY[pairs];
    signal addendY[pairs];
    signal doubled[pairs][2];
    for (var w = 0; w < pairs; w++) {
        var hi = n - 2 - 2 * w;
        var lo = hi - 1;
        // |2·t_hi + t_lo| is 3 when the two bits are equal, 1 otherwise; the sign is t_hi's
        bothSet[w] <== e[hi] * e[lo];
        var equal = 1 - e[hi] - e[lo] + 2 * bothSet[w];
        addendX[w] <== base[0] + equal * (tripleBase[0] - base[0]);
        addendAbsY[w] <== base[1] + equal * (tripleBase[1] - base[1]);
        addendY[w] <== (2 * e[hi] - 1) * addendAbsY[w];

        doubled[w] <== MontgomeryDouble()(acc[w]);
        acc[w + 1] <== MontgomeryDoubleAndAdd()(doubled[w], [addendX[w], addendY[w]]);
    }

    signal odd[2] <== Montgomery2Edwards()(acc[pairs]);
    // -P when e[0] = 0, the identity (0, 1) otherwise
    signal correctionX <== (e[0] - 1) * point[0];
    signal correctionY <== 1 + (1 - e[0]) * (point[1] - 1);
    component sum = BabyAdd();
    sum.x1 <== odd[0];
    sum.y1 <== odd[1];
    sum.x2 <== correctionX;
    sum.y2 <== correctionY;
    out[0] <== sum.xout;
    out[1] <== sum.yout;
}

// franklin-crypto's rescue_hash_to_scalar for the musig challenge (PROTOCOL.md §2.4 step 4): the preimage
// LE32(A.x) ‖ LE32(R.x) ‖ LE32(m), each byte expanded most significant bit first (768 bits), packed into four
// field elements of 253 bits (bit i of a chunk has weight 2^i), absorbed by the sponge specialised to 4 inputs;
// c = (s0 mod 2^125) + (s1 mod 2^125)·2^125 from the two squeezed elements. Inputs are canonical bits.
template ZkSyncChallenge() {
    signal input pkxBits[254];
    signal input rxBits[254];
    signal input messageHashBits[254];
    signal output bits[250];

    var packed[4] = [0, 0, 0, 0];
    for (var i = 0; i < 254; i++) {
        // bit i of a value sits in little-endian byte i \ 8, which is written most significant bit first
        var position = 8 * (i \ 8) + 7 - (i % 8);
        packed[position \ 253] += pkxBits[i] * (1 << (position % 253));
        packed[(256 + position) \ 253] += rxBits[i] * (1 << ((256 + position) % 253));
        packed[(512 + position) \ 253] += messageHashBits[i] * (1 << ((512 + position) % 253));
    }
    signal squeezed[3] <== RescueSpongeState(4)(packed);
    signal s0Bits[254] <== FieldBits()(squeezed[0]);
    signal s1Bits[254] <== FieldBits()(squeezed[1]);
    for (var i = 0; i < 125; i++) {
        bits[i] <== s0Bits[i];
        bits[125 + i] <== s1Bits[i];
    }
}

// Verifies zkSync's musig signature (R, s) by the key A over a tx message, and outputs PubKeyHash(A).
// msg: the message bits (MSB first per byte, zero-padded to 736) packed into 3 field elements of 253 bits,
// least significant bit first. pkx, pky, rx, ry: A and R in AltBabyJubjub coordinates; s: the scalar.
// Always enforced: A and R on the curve and not of small order, s < l, and s·G = R + c·A with
// m = RescueHash(msg), c the challenge of (A.x, R.x, m). There is no prime-order subgroup check (zkSync's
// circuit has none either): a key with a small-order component only hurts its owner. msg is hashed as given
// (the caller builds it from range-checked message bits). 6,833 constraints: Rescue 5 × 396, six canonical
// 254-bit decompositions (A.x, R.x, m, s0, s1, the PubKeyHash digest) 6 × 384, s < l 380, c·A 1,633,
// s·G 518 (circomlib's EscalarMulFix), point checks and the final addition 18.
template ZkSyncSignatureVerifier() {
    signal input msg[3];
    signal input pkx;
    signal input pky;
    signal input rx;
    signal input ry;
    signal input s;
    signal output pubKeyHash;

    var SCALE = ALT_TO_BABYJUB_X_SCALE();

    component publicKeyCheck = AltBabyJubjubNotSmallOrder();
    publicKeyCheck.x <== pkx;
    publicKeyCheck.y <== pky;
    component nonceCheck = AltBabyJubjubNotSmallOrder();
    nonceCheck.x <== rx;
    nonceCheck.y <== ry;

    signal messageHash <== RescueHash(3)(msg);
    signal pkxBits[254] <== FieldBits()(pkx);
    signal rxBits[254] <== FieldBits()(rx);
    signal messageHashBits[254] <== FieldBits()(messageHash);
    signal challengeBits[250] <== ZkSyncChallenge()(pkxBits, rxBits, messageHashBits);

    signal sBits[251] <== BoundedBits(251, ALT_BABYJUBJUB_SUBGROUP_ORDER() - 1)(s);
    signal sG[2] <== EscalarMulFix(251, SIGNATURE_GENERATOR_BABYJUB())(sBits);

    signal cA[2] <== BabyJubJubScalarMul(250)(challengeBits, [pkx * SCALE, pky]);
    component rPlusCA = BabyAdd();
    rPlusCA.x1 <== rx * SCALE;
    rPlusCA.y1 <== ry;
    rPlusCA.x2 <== cA[0];
    rPlusCA.y2 <== cA[1];
    sG[0] === rPlusCA.xout;
    sG[1] === rPlusCA.yout;

    pubKeyHash <== ZkSyncPubKeyHash()(pkx, pky);
}
