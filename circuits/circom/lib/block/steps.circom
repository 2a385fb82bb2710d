pragma circom 2.1.0;

// A chunk's "step" is (operation type, index of the chunk within the operation). Every chunk of a block
// carries a one-hot vector over the 64 steps below; the step fixes which rules the chunk enforces.
// Operations are laid out one after the other: NOOP 1 chunk, DEPOSIT 6, TRANSFER_TO_NEW 6, WITHDRAW 6,
// TRANSFER 2, FULL_EXIT 11, CHANGE_PUBKEY 6, FORCED_EXIT 6, MINT_NFT 5, WITHDRAW_NFT 10, SWAP 5
// (PROTOCOL.md §3.1; Close is disabled and has no step).

function STEP_COUNT() { return 64; }
function OP_COUNT() { return 11; }

// first step of each operation, and its chunk count, in the order above
function OP_FIRST_STEP(op) { var first[11] = [0, 1, 7, 13, 19, 21, 32, 38, 44, 49, 59]; return first[op]; }
function OP_CHUNK_COUNT(op) { var n[11] = [1, 6, 6, 6, 2, 11, 6, 6, 5, 10, 5]; return n[op]; }
// pubdata op code of each operation
function OP_CODE(op) { var code[11] = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11]; return code[op]; }
// 1 for operations that need L1 processing (PROTOCOL.md §4.2): their first chunk is flagged in the commitment
function OP_IS_ONCHAIN(op) { var onchain[11] = [0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0]; return onchain[op]; }

function OP_NOOP() { return 0; }
function OP_DEPOSIT() { return 1; }
function OP_TRANSFER_TO_NEW() { return 2; }
function OP_WITHDRAW() { return 3; }
function OP_TRANSFER() { return 4; }
function OP_FULL_EXIT() { return 5; }
function OP_CHANGE_PUBKEY() { return 6; }
function OP_FORCED_EXIT() { return 7; }
function OP_MINT_NFT() { return 8; }
function OP_WITHDRAW_NFT() { return 9; }
function OP_SWAP() { return 10; }

function STEP(op, chunk) { return OP_FIRST_STEP(op) + chunk; }
