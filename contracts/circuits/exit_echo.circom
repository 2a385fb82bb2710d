pragma circom 2.1.0;

// DEVELOPMENT AND TEST ONLY — proves nothing about a rollup state.
// The smallest circuit with the public interface of zkLite's exit circuit (field-input form, see
// circuits/circom/lib/exit.circom): ten public inputs, in the order VerifierAdapter.verifyExitProof passes
// them (root, accountId, owner, tokenId, amount, nftCreatorAccountId, nftCreatorAddress, nftSerialId,
// nftContentHash high 128 bits, low 128 bits). A proof binds exactly these ten values.
template ExitEcho() {
    signal input statement[10];
    signal square[10];
    for (var i = 0; i < 10; i++) square[i] <== statement[i] * statement[i];
}

component main {public [statement]} = ExitEcho();
