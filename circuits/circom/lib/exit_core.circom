pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "quad_merkle.circom";
include "nft_token_digest.circom";

// Token ids below 2^EXIT_PROCESSABLE_DEPTH() have their balances in the account's processable tree.
function EXIT_PROCESSABLE_DEPTH() { return 10; }

// Exit (exodus) statement, PROTOCOL.md §5.2 on zkLite's trees: under `root`, account `accountId` has
// address `owner` and holds `amount` of token `tokenId`.
// - Fungible token (tokenId < 2^16): every NFT field is zero.
// - NFT (2^16 <= tokenId <= MAX_TOKEN_ID = 2^31 - 3): amount is 1, and (nftCreatorAccountId, nftSerialId,
//   nftContentHash) is that NFT's origin (ExitNftOrigin). The contract's performExodus refuses a zero NFT
//   amount; the circuit goes further, as an NFT balance is 0 or 1.
// No exit from the NFT storage account (the last account slot). Depths are index widths in bits
// (production 24 / 32). The balance sits in the account's processable tree (token id < 2^10; the first
// levels of `balanceSiblings` are its path) or in its extended tree; `otherBalanceRoot` is the root of the
// account's other balance tree. The balance tree holds 16-bit token ids at least; NFT ids need more than 16 bits,
// so at balanceDepth 16 the NFT branch is not compiled and its witness inputs are ignored.
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
    signal input otherBalanceRoot;

    // NFT branch witness (free for fungible tokens): the NFT storage account's leaf fields, its paths to
    // the account leaf and to balance tokenId; the creator account's leaf fields and path
    signal input nftStorageNonce;
    signal input nftStoragePubKeyHash;
    signal input nftStorageAddress;
    signal input nftStorageAccountSiblings[accountDepth \ 2][3];
    signal input nftStorageBalanceSiblings[balanceDepth \ 2][3];
    signal input nftStorageProcessableRoot;
    signal input nftCreatorNonce;
    signal input nftCreatorPubKeyHash;
    signal input nftCreatorProcessableRoot;
    signal input nftCreatorExtendedRoot;
    signal input nftCreatorAccountSiblings[accountDepth \ 2][3];

    // the NFT storage account (last slot) never holds fungible funds; no exit from it
    component isStorageAccount = IsEqual();
    isStorageAccount.in <== [accountId, 2 ** accountDepth - 1];
    isStorageAccount.out === 0;

    component accountBits = Num2Bits(accountDepth);
    accountBits.in <== accountId;

    // token ids above MAX_TOKEN_ID (the NFT counters' id 2^31 - 2, and 2^31 - 1) cannot exit
    var maxTokenId = 2 ** balanceDepth - 1;
    if (balanceDepth > 30) maxTokenId = 2 ** 31 - 3;
    signal tokenBits[balanceDepth];
    if (maxTokenId == 2 ** balanceDepth - 1) {
        tokenBits <== Num2Bits(balanceDepth)(tokenId);
    } else {
        tokenBits <== BoundedBits(balanceDepth, maxTokenId)(tokenId);
    }

    var aboveFungible = 0;
    for (var i = 16; i < balanceDepth; i++) aboveFungible += tokenBits[i] * 2 ** (i - 16);
    signal isFungible <== IsZero()(aboveFungible);

    isFungible * nftCreatorAccountId === 0;
    isFungible * nftCreatorAddress === 0;
    isFungible * nftSerialId === 0;
    isFungible * nftContentHashHigh === 0;
    isFungible * nftContentHashLow === 0;
    (1 - isFungible) * (amount - 1) === 0;

    if (balanceDepth > 16) {
        component nftOrigin = ExitNftOrigin(accountDepth, balanceDepth);
        nftOrigin.enabled <== 1 - isFungible;
        nftOrigin.root <== root;
        nftOrigin.tokenBits <== tokenBits;
        nftOrigin.creatorId <== nftCreatorAccountId;
        nftOrigin.creatorAddress <== nftCreatorAddress;
        nftOrigin.serialId <== nftSerialId;
        nftOrigin.contentHashHigh <== nftContentHashHigh;
        nftOrigin.contentHashLow <== nftContentHashLow;
        nftOrigin.storageNonce <== nftStorageNonce;
        nftOrigin.storagePubKeyHash <== nftStoragePubKeyHash;
        nftOrigin.storageAddress <== nftStorageAddress;
        nftOrigin.storageAccountSiblings <== nftStorageAccountSiblings;
        nftOrigin.storageBalanceSiblings <== nftStorageBalanceSiblings;
        nftOrigin.storageProcessableRoot <== nftStorageProcessableRoot;
        nftOrigin.creatorNonce <== nftCreatorNonce;
        nftOrigin.creatorPubKeyHash <== nftCreatorPubKeyHash;
        nftOrigin.creatorProcessableRoot <== nftCreatorProcessableRoot;
        nftOrigin.creatorExtendedRoot <== nftCreatorExtendedRoot;
        nftOrigin.creatorAccountSiblings <== nftCreatorAccountSiblings;
    }

    var aboveProcessable = 0;
    for (var i = EXIT_PROCESSABLE_DEPTH(); i < balanceDepth; i++) aboveProcessable += tokenBits[i] * 2 ** (i - EXIT_PROCESSABLE_DEPTH());
    signal isProcessable <== IsZero()(aboveProcessable);
    component processablePath = QuadMerkleRoot(EXIT_PROCESSABLE_DEPTH() \ 2);
    processablePath.leaf <== amount;
    for (var i = 0; i < EXIT_PROCESSABLE_DEPTH(); i++) processablePath.indexBits[i] <== tokenBits[i];
    for (var level = 0; level < EXIT_PROCESSABLE_DEPTH() \ 2; level++) processablePath.siblings[level] <== balanceSiblings[level];
    component extendedPath = QuadMerkleRoot(balanceDepth \ 2);
    extendedPath.leaf <== amount;
    extendedPath.indexBits <== tokenBits;
    extendedPath.siblings <== balanceSiblings;

    component leaf = AccountLeaf();
    leaf.nonce <== nonce;
    leaf.pubKeyHash <== pubKeyHash;
    leaf.address <== owner;
    leaf.processableRoot <== otherBalanceRoot + isProcessable * (processablePath.root - otherBalanceRoot);
    leaf.extendedRoot <== extendedPath.root + isProcessable * (otherBalanceRoot - extendedPath.root);

    component accountRoot = QuadMerkleRoot(accountDepth \ 2);
    accountRoot.leaf <== leaf.hash;
    accountRoot.indexBits <== accountBits.out;
    accountRoot.siblings <== accountSiblings;
    accountRoot.root === root;
}

// When `enabled` (0 or 1), the NFT with token id bits `tokenBits` has the origin (creatorId, serialId,
// contentHash) under `root` (PROTOCOL.md §1.4): the NFT storage account (the last account slot) keeps
// NftTokenDigest(creatorId, serialId, contentHash) at balance index tokenId, and account creatorId has
// address creatorAddress. Disabled, nothing is checked. About 13,000 constraints at depths 24/32.
template ExitNftOrigin(accountDepth, balanceDepth) {
    signal input enabled;
    signal input root;
    signal input tokenBits[balanceDepth];
    signal input creatorId;
    signal input creatorAddress;
    signal input serialId;
    signal input contentHashHigh;
    signal input contentHashLow;

    signal input storageNonce;
    signal input storagePubKeyHash;
    signal input storageAddress;
    signal input storageAccountSiblings[accountDepth \ 2][3];
    signal input storageBalanceSiblings[balanceDepth \ 2][3];
    signal input storageProcessableRoot;
    signal input creatorNonce;
    signal input creatorPubKeyHash;
    signal input creatorProcessableRoot;
    signal input creatorExtendedRoot;
    signal input creatorAccountSiblings[accountDepth \ 2][3];

    // NftTokenDigest packs creatorId ‖ serialId ‖ contentHashHigh into one element: each must fit its width,
    // and the content hash halves must be the two 128-bit halves of a 32-byte hash
    signal creatorBits[accountDepth] <== Num2Bits(accountDepth)(creatorId);
    _ <== Num2Bits(32)(serialId);
    _ <== Num2Bits(128)(contentHashHigh);
    _ <== Num2Bits(128)(contentHashLow);

    signal digest <== NftTokenDigest()(creatorId, serialId, contentHashHigh, contentHashLow);

    signal lastSlotBits[accountDepth];
    for (var i = 0; i < accountDepth; i++) lastSlotBits[i] <== 1;
    signal storageExtendedRoot <== QuadMerkleRoot(balanceDepth \ 2)(digest, tokenBits, storageBalanceSiblings);
    signal storageLeaf <== AccountLeaf()(storageNonce, storagePubKeyHash, storageAddress, storageProcessableRoot, storageExtendedRoot);
    signal storageRoot <== QuadMerkleRoot(accountDepth \ 2)(storageLeaf, lastSlotBits, storageAccountSiblings);
    enabled * (storageRoot - root) === 0;

    signal creatorLeaf <== AccountLeaf()(creatorNonce, creatorPubKeyHash, creatorAddress, creatorProcessableRoot, creatorExtendedRoot);
    signal creatorRoot <== QuadMerkleRoot(accountDepth \ 2)(creatorLeaf, creatorBits, creatorAccountSiblings);
    enabled * (creatorRoot - root) === 0;
}
