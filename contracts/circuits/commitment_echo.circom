pragma circom 2.1.0;

// DEVELOPMENT AND TEST ONLY — proves nothing about a rollup state.
// The smallest circuit with the interface of zkLite's block and exit circuits: one public input, the masked
// commitment. Proofs of it exercise the L1 contracts' Groth16 path (public-input construction, verifier
// routing, proof encoding) until the real circuits exist; a proof binds exactly one public input value.
template CommitmentEcho() {
    signal input commitment;
    signal square;
    square <== commitment * commitment;
}

component main {public [commitment]} = CommitmentEcho();
