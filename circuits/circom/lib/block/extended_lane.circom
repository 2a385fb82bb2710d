pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "../quad_merkle.circom";
include "../nft_token_digest.circom";

// An extended lane proves one balance change in some account's extended tree (token ids of
// `balanceDepth` bits that are not processable: NFTs, the NFT counters, fungible ids >= 2^10): `oldBalance`
// at `tokenIndex` with the audit path gives `oldRoot`, `newBalance` on the same path gives `newRoot`.
// Which account it is, and whether the change is allowed, is the claiming chunk's business (`LeafUpdate`
// takes the two roots); the block binds a lane to at most one chunk. Those chunks also need the NFT
// digests (MintNFT writes one, WithdrawNFT and NFT full exits check one), so a lane computes one too.
// A block has a few lanes (operations touch such balances rarely), where every chunk would otherwise
// carry a 2 x 16-level path.
template ExtendedLane(balanceDepth) {
    var levels = balanceDepth \ 2;
    signal input tokenIndex;
    signal input oldBalance;
    signal input newBalance;
    signal input siblings[levels][3];
    // creatorId·2^160 + serialId·2^128 + contentHashHigh, contentHashLow (NftTokenDigest)
    signal input digestPacked[2];
    signal output oldRoot;
    signal output newRoot;
    signal output digest;

    component tokenBits = Num2Bits(balanceDepth);
    tokenBits.in <== tokenIndex;
    component before = QuadMerkleRoot(levels);
    before.leaf <== oldBalance;
    before.indexBits <== tokenBits.out;
    before.siblings <== siblings;
    oldRoot <== before.root;
    component after = QuadMerkleRoot(levels);
    after.leaf <== newBalance;
    after.indexBits <== tokenBits.out;
    after.siblings <== siblings;
    newRoot <== after.root;

    digest <== NftTokenDigestPacked()(digestPacked);
}
