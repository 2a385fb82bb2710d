pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "../rescue.circom";
include "../zksync_signature.circom";

// The expensive checks only some chunks need, once per pair of chunks (2p, 2p + 1): a signature, and the
// swap's orders hash and price check. At most one chunk of a pair claims each service (the block enforces
// it and binds the claimed values); unclaimed services are fed a valid dummy (block-witness.ts).
// @zklite/state places operations so that claims never collide: every signed operation has at least 2
// chunks and Swaps start at odd chunks.
template ChunkPairServices() {
    signal input signatureMessage[3];
    signal input pkx;
    signal input pky;
    signal input rx;
    signal input ry;
    signal input s;
    signal input ordersHashInputs[6];
    signal input priceLow;
    signal input priceHigh;
    signal output signerPubKeyHash;
    signal output ordersHashBits[248];

    component signature = ZkSyncSignatureVerifier();
    signature.msg <== signatureMessage;
    signature.pkx <== pkx;
    signature.pky <== pky;
    signature.rx <== rx;
    signature.ry <== ry;
    signature.s <== s;
    signerPubKeyHash <== signature.pubKeyHash;

    component orders = RescueHash(6);
    orders.in <== ordersHashInputs;
    component ordersBits = FieldBits();
    ordersBits.in <== orders.out;
    for (var k = 0; k < 248; k++) ordersHashBits[k] <== ordersBits.bits[k];

    // priceLow <= priceHigh, both below 2^248 (a u128 amount times a 120-bit ratio)
    component priceOrder = Num2Bits(249);
    priceOrder.in <== priceHigh - priceLow + 2 ** 248;
    priceOrder.out[248] === 1;
}
