pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/sha256/sha256.circom";

// `value` (< 2^width) written as `bytes` big-endian bytes, as bits, most significant first.
template BigEndianPadded(width, bytes) {
    assert(width <= 8 * bytes);
    signal input value;
    signal output bits[8 * bytes];
    component le = Num2Bits(width);
    le.in <== value;
    for (var i = 0; i < 8 * bytes; i++) bits[i] <== i < 8 * bytes - width ? 0 : le.out[8 * bytes - 1 - i];
}

// A field element as its unique 32-byte big-endian encoding (strict decomposition: value < p).
template FieldBytes32() {
    signal input value;
    signal output bits[256];
    component le = Num2Bits_strict();
    le.in <== value;
    bits[0] <== 0;
    bits[1] <== 0;
    for (var i = 0; i < 254; i++) bits[2 + i] <== le.out[253 - i];
}

// sha256(left32 ‖ right32) on bit arrays, most significant bit first.
template Sha256Pair() {
    signal input left[256];
    signal input right[256];
    signal output out[256];
    component sha = Sha256(512);
    for (var i = 0; i < 256; i++) {
        sha.in[i] <== left[i];
        sha.in[256 + i] <== right[i];
    }
    out <== sha.out;
}

// The block commitment of PROTOCOL.md §4.4 (the contract's createBlockCommitment), masked to its low 253
// bits: h = sha256(u256 blockNumber ‖ u256 feeAccount), sha256(h ‖ oldRoot), sha256(h ‖ newRoot),
// sha256(h ‖ u256 timestamp), sha256(h ‖ pubdata ‖ onchainOpsOffsetCommitment). Roots are field elements
// (zkLite's Poseidon roots, 32 bytes big-endian); `pubdataBits` is the block's pubdata, most significant
// bit of its first byte first; `onchainOpStarts[c]` is 1 at the first chunk of each on-chain operation
// (the commitment's byte c is 0x00 or 0x01). Chunks are 10 bytes.
template BlockCommitment(chunks) {
    signal input blockNumber;
    signal input feeAccount;
    signal input oldRoot;
    signal input newRoot;
    signal input timestamp;
    signal input pubdataBits[chunks * 80];
    signal input onchainOpStarts[chunks];
    signal output commitment;

    component number = BigEndianPadded(32, 32);
    number.value <== blockNumber;
    component fee = BigEndianPadded(32, 32);
    fee.value <== feeAccount;
    component time = BigEndianPadded(64, 32);
    time.value <== timestamp;
    component oldBytes = FieldBytes32();
    oldBytes.value <== oldRoot;
    component newBytes = FieldBytes32();
    newBytes.value <== newRoot;

    component h0 = Sha256Pair();
    h0.left <== number.bits;
    h0.right <== fee.bits;
    component h1 = Sha256Pair();
    h1.left <== h0.out;
    h1.right <== oldBytes.bits;
    component h2 = Sha256Pair();
    h2.left <== h1.out;
    h2.right <== newBytes.bits;
    component h3 = Sha256Pair();
    h3.left <== h2.out;
    h3.right <== time.bits;

    component last = Sha256(256 + chunks * 88);
    for (var i = 0; i < 256; i++) last.in[i] <== h3.out[i];
    for (var i = 0; i < chunks * 80; i++) {
        pubdataBits[i] * (pubdataBits[i] - 1) === 0;
        last.in[256 + i] <== pubdataBits[i];
    }
    for (var c = 0; c < chunks; c++) {
        onchainOpStarts[c] * (onchainOpStarts[c] - 1) === 0;
        for (var b = 0; b < 7; b++) last.in[256 + chunks * 80 + 8 * c + b] <== 0;
        last.in[256 + chunks * 80 + 8 * c + 7] <== onchainOpStarts[c];
    }

    var masked = 0;
    for (var i = 0; i < 253; i++) masked += last.out[255 - i] * (2 ** i);
    commitment <== masked;
}
