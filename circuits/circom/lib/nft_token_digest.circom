pragma circom 2.1.0;

include "rescue.circom";

// The 128-bit NFT content digest the NFT storage account keeps at an NFT's token id (PROTOCOL.md §1.4,
// @zklite/state's nftContentDigest(rescueNftTokenHash(...))): the low 128 bits of
// RescueHash([creatorId·2^160 + serialId·2^128 + contentHashHigh, contentHashLow]), where contentHashHigh and
// contentHashLow are the big-endian halves of the 32-byte content hash. The caller range-checks the inputs
// (u32, u32, u128, u128). 780 constraints.
template NftTokenDigest() {
    signal input creatorId;
    signal input serialId;
    signal input contentHashHigh;
    signal input contentHashLow;
    signal output digest;

    digest <== NftTokenDigestPacked()([creatorId * (1 << 160) + serialId * (1 << 128) + contentHashHigh, contentHashLow]);
}

// The same digest from the two packed elements RescueHash absorbs.
template NftTokenDigestPacked() {
    signal input packed[2];
    signal output digest;

    signal tokenHash <== RescueHash(2)(packed);
    signal bits[254] <== FieldBits()(tokenHash);
    var low = 0;
    for (var i = 0; i < 128; i++) low += bits[i] * (1 << i);
    digest <== low;
}
