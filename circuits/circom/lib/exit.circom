pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/sha256/sha256.circom";
include "exit_core.circom";

// The exit statement with the fields themselves as public inputs (root, accountId, owner, tokenId,
// amount, nftCreatorAccountId, nftCreatorAddress, nftSerialId, nftContentHashHigh, nftContentHashLow;
// the content hash split into two 128-bit halves); the other inputs are the private witness (ExitCore).
// Small enough for a browser prover.
template ExitFieldInputs(accountDepth, balanceDepth) {
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

    component core = ExitCore(accountDepth, balanceDepth);
    core.root <== root;
    core.accountId <== accountId;
    core.owner <== owner;
    core.tokenId <== tokenId;
    core.amount <== amount;
    core.nftCreatorAccountId <== nftCreatorAccountId;
    core.nftCreatorAddress <== nftCreatorAddress;
    core.nftSerialId <== nftSerialId;
    core.nftContentHashHigh <== nftContentHashHigh;
    core.nftContentHashLow <== nftContentHashLow;
    core.nonce <== nonce;
    core.pubKeyHash <== pubKeyHash;
    core.accountSiblings <== accountSiblings;
    core.balanceSiblings <== balanceSiblings;
    core.otherBalanceRoot <== otherBalanceRoot;
    core.nftStorageNonce <== nftStorageNonce;
    core.nftStoragePubKeyHash <== nftStoragePubKeyHash;
    core.nftStorageAddress <== nftStorageAddress;
    core.nftStorageAccountSiblings <== nftStorageAccountSiblings;
    core.nftStorageBalanceSiblings <== nftStorageBalanceSiblings;
    core.nftStorageProcessableRoot <== nftStorageProcessableRoot;
    core.nftCreatorNonce <== nftCreatorNonce;
    core.nftCreatorPubKeyHash <== nftCreatorPubKeyHash;
    core.nftCreatorProcessableRoot <== nftCreatorProcessableRoot;
    core.nftCreatorExtendedRoot <== nftCreatorExtendedRoot;
    core.nftCreatorAccountSiblings <== nftCreatorAccountSiblings;
}

// `value` (< 2^width) as `width` bits, most significant first.
template BigEndianBits(width) {
    signal input value;
    signal output bits[width];
    component le = Num2Bits(width);
    le.in <== value;
    for (var i = 0; i < width; i++) bits[i] <== le.out[width - 1 - i];
}

// The exit statement with the contract's single public input (VerifierAdapter.verifyExitProof):
// sha256(root32 ‖ accountId u32 ‖ owner20 ‖ tokenId u32 ‖ amount u128 ‖ nftCreatorAccountId u32 ‖
// nftCreatorAddress20 ‖ nftSerialId u32 ‖ nftContentHash32) masked to its low 253 bits, every field
// big-endian. SHA-256 of these 136 bytes alone costs about 90,000 constraints.
template ExitSha256Commitment(accountDepth, balanceDepth) {
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
    signal output commitment;

    component core = ExitFieldInputs(accountDepth, balanceDepth);
    core.root <== root;
    core.accountId <== accountId;
    core.owner <== owner;
    core.tokenId <== tokenId;
    core.amount <== amount;
    core.nftCreatorAccountId <== nftCreatorAccountId;
    core.nftCreatorAddress <== nftCreatorAddress;
    core.nftSerialId <== nftSerialId;
    core.nftContentHashHigh <== nftContentHashHigh;
    core.nftContentHashLow <== nftContentHashLow;
    core.nonce <== nonce;
    core.pubKeyHash <== pubKeyHash;
    core.accountSiblings <== accountSiblings;
    core.balanceSiblings <== balanceSiblings;
    core.otherBalanceRoot <== otherBalanceRoot;
    core.nftStorageNonce <== nftStorageNonce;
    core.nftStoragePubKeyHash <== nftStoragePubKeyHash;
    core.nftStorageAddress <== nftStorageAddress;
    core.nftStorageAccountSiblings <== nftStorageAccountSiblings;
    core.nftStorageBalanceSiblings <== nftStorageBalanceSiblings;
    core.nftStorageProcessableRoot <== nftStorageProcessableRoot;
    core.nftCreatorNonce <== nftCreatorNonce;
    core.nftCreatorPubKeyHash <== nftCreatorPubKeyHash;
    core.nftCreatorProcessableRoot <== nftCreatorProcessableRoot;
    core.nftCreatorExtendedRoot <== nftCreatorExtendedRoot;
    core.nftCreatorAccountSiblings <== nftCreatorAccountSiblings;

    // the root is a field element: its strict (unique) 254-bit decomposition, padded to 32 bytes
    component rootBits = Num2Bits_strict();
    rootBits.in <== root;

    var widths[10] = [32, 160, 32, 128, 32, 160, 32, 128, 128, 0];
    component fields[9];
    fields[0] = BigEndianBits(32);  fields[0].value <== accountId;
    fields[1] = BigEndianBits(160); fields[1].value <== owner;
    fields[2] = BigEndianBits(32);  fields[2].value <== tokenId;
    fields[3] = BigEndianBits(128); fields[3].value <== amount;
    fields[4] = BigEndianBits(32);  fields[4].value <== nftCreatorAccountId;
    fields[5] = BigEndianBits(160); fields[5].value <== nftCreatorAddress;
    fields[6] = BigEndianBits(32);  fields[6].value <== nftSerialId;
    fields[7] = BigEndianBits(128); fields[7].value <== nftContentHashHigh;
    fields[8] = BigEndianBits(128); fields[8].value <== nftContentHashLow;

    component sha = Sha256(1088);
    sha.in[0] <== 0;
    sha.in[1] <== 0;
    for (var i = 0; i < 254; i++) sha.in[2 + i] <== rootBits.out[253 - i];
    var offset = 256;
    for (var f = 0; f < 9; f++) {
        for (var i = 0; i < widths[f]; i++) sha.in[offset + i] <== fields[f].bits[i];
        offset += widths[f];
    }
    assert(offset == 1088);

    var masked = 0;
    for (var i = 0; i < 253; i++) masked += sha.out[255 - i] * (2 ** i);
    commitment <== masked;
}
