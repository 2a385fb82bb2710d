pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "quad_merkle.circom";

// Exit (exodus) statement, PROTOCOL.md §5.2 on zkLite's trees: under `root`, account `accountId` has
// address `owner` and holds `amount` of fungible token `tokenId`.
//
// NFT exits are not supported yet: `tokenId` must be below 2^16 and every NFT field must be zero
// (the NFT branch needs an in-circuit Rescue hash of the token id preimage; see circuits/README.md).
// Depths are index widths in bits (production 24 / 32); the balance tree must hold 16-bit token ids.
template ExitCore(accountDepth, balanceDepth) {
    assert(accountDepth % 2 == 0 && accountDepth >= 2 && accountDepth <= 32);
    assert(balanceDepth % 2 == 0 && balanceDepth >= 16 && balanceDepth <= 32);

    signal input root;
    signal input accountId;
    signal input owner;
    signal input tokenId;
    signal input amount;
    signal input nftCreatorAccountId;
    signal input nftCreatorAddress;
    signal input nftSerialId;
    signal input nftContentHashHigh;
    signal input nftContentHashLow;

    signal input nonce;
    signal input pubKeyHash;
    signal input accountSiblings[accountDepth \ 2][3];
    signal input balanceSiblings[balanceDepth \ 2][3];

    // the NFT storage account (last slot) never holds fungible funds; no exit from it
    component isStorageAccount = IsEqual();
    isStorageAccount.in <== [accountId, 2 ** accountDepth - 1];
    isStorageAccount.out === 0;

    nftCreatorAccountId === 0;
    nftCreatorAddress === 0;
    nftSerialId === 0;
    nftContentHashHigh === 0;
    nftContentHashLow === 0;

    component accountBits = Num2Bits(accountDepth);
    accountBits.in <== accountId;
    component tokenBits = Num2Bits(16);
    tokenBits.in <== tokenId;

    component balanceRoot = QuadMerkleRoot(balanceDepth \ 2);
    balanceRoot.leaf <== amount;
    for (var i = 0; i < balanceDepth; i++) {
        balanceRoot.indexBits[i] <== i < 16 ? tokenBits.out[i] : 0;
    }
    balanceRoot.siblings <== balanceSiblings;

    component leaf = AccountLeaf();
    leaf.nonce <== nonce;
    leaf.pubKeyHash <== pubKeyHash;
    leaf.address <== owner;
    leaf.balanceRoot <== balanceRoot.root;

    component accountRoot = QuadMerkleRoot(accountDepth \ 2);
    accountRoot.leaf <== leaf.hash;
    accountRoot.indexBits <== accountBits.out;
    accountRoot.siblings <== accountSiblings;
    accountRoot.root === root;
}
