pragma circom 2.1.0;

include "args.circom";

// Byte layouts of pubdata (PROTOCOL.md §4.2) and signed messages (§3.2) as lists of fields written
// big-endian, most significant bit first. An entry is [source, width, constant]: source >= 0 is an
// argument (its low `width` bits), or one of the special sources below. A list ends at END_OF_LAYOUT.
function SRC_CONST() { return -1; }
function SRC_ORDERS_HASH() { return -2; }    // the swap's 31-byte orders hash
function SRC_ORDER_AMOUNT_A() { return -3; } // order A's packed amount: MASK_A ? (M0, E0) : 0
function SRC_ORDER_AMOUNT_B() { return -4; } // order B's packed amount: MASK_B ? (M1, E1) : 0
function SRC_NONCE_MASK() { return -5; }     // swap nonce mask byte: MASK_A + 2 * MASK_B
function END_OF_LAYOUT() { return -9; }
function LAYOUT_MAX_ENTRIES() { return 16; }

function PUBDATA_LAYOUT(op) {
    var E = END_OF_LAYOUT(); var C = SRC_CONST();
    var none[3] = [E, 0, 0];
    var layouts[11][16][3] = [
        // Noop
        [none, none, none, none, none, none, none, none, none, none, none, none, none, none, none, none],
        // Deposit: 01 accountId token amount16 to
        [[C, 8, 1], [ARG_A0(), 32, 0], [ARG_T0(), 32, 0], [ARG_AMT0(), 128, 0], [ARG_ADDR0(), 160, 0],
         none, none, none, none, none, none, none, none, none, none, none],
        // TransferToNew: 02 fromId token amount5 toAddress toId fee2
        [[C, 8, 2], [ARG_A0(), 32, 0], [ARG_T0(), 32, 0], [ARG_M0(), 35, 0], [ARG_E0(), 5, 0], [ARG_ADDR1(), 160, 0], [ARG_A1(), 32, 0],
         [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], none, none, none, none, none, none, none],
        // Withdraw: 03 accountId token amount16 fee2 to
        [[C, 8, 3], [ARG_A0(), 32, 0], [ARG_T0(), 32, 0], [ARG_AMT0(), 128, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_ADDR1(), 160, 0],
         none, none, none, none, none, none, none, none, none],
        // Transfer: 05 fromId token toId amount5 fee2
        [[C, 8, 5], [ARG_A0(), 32, 0], [ARG_T0(), 32, 0], [ARG_A1(), 32, 0], [ARG_M0(), 35, 0], [ARG_E0(), 5, 0], [ARG_FM(), 11, 0],
         [ARG_FE(), 5, 0], none, none, none, none, none, none, none, none],
        // FullExit: 06 accountId owner token amount16 creatorId creatorAddress serialId contentHash
        [[C, 8, 6], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_T0(), 32, 0], [ARG_AMT0(), 128, 0], [ARG_A1(), 32, 0],
         [ARG_ADDR1(), 160, 0], [ARG_SERIAL(), 32, 0], [ARG_CH_HI(), 128, 0], [ARG_CH_LO(), 128, 0], none, none, none, none, none, none],
        // ChangePubKey: 07 accountId newPkHash account nonce feeToken fee2
        [[C, 8, 7], [ARG_A0(), 32, 0], [ARG_PKH0(), 160, 0], [ARG_ADDR0(), 160, 0], [ARG_N0(), 32, 0], [ARG_T0(), 32, 0],
         [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], none, none, none, none, none, none, none, none],
        // ForcedExit: 08 initiatorId targetId token amount16 fee2 target
        [[C, 8, 8], [ARG_A0(), 32, 0], [ARG_A1(), 32, 0], [ARG_T0(), 32, 0], [ARG_AMT0(), 128, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0],
         [ARG_ADDR0(), 160, 0], none, none, none, none, none, none, none, none],
        // MintNFT: 09 creatorId recipientId contentHash feeToken fee2
        [[C, 8, 9], [ARG_A0(), 32, 0], [ARG_A1(), 32, 0], [ARG_CH_HI(), 128, 0], [ARG_CH_LO(), 128, 0], [ARG_T0(), 32, 0],
         [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], none, none, none, none, none, none, none, none],
        // WithdrawNFT: 0a accountId creatorId creatorAddress serialId contentHash to token feeToken fee2
        [[C, 8, 10], [ARG_A0(), 32, 0], [ARG_A1(), 32, 0], [ARG_ADDR2(), 160, 0], [ARG_SERIAL(), 32, 0], [ARG_CH_HI(), 128, 0],
         [ARG_CH_LO(), 128, 0], [ARG_ADDR1(), 160, 0], [ARG_T1(), 32, 0], [ARG_T0(), 32, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0],
         none, none, none, none],
        // Swap: 0b accountA recipientA accountB recipientB submitter tokenA tokenB feeToken amountA5 amountB5 fee2 mask
        [[C, 8, 11], [ARG_A1(), 32, 0], [ARG_A3(), 32, 0], [ARG_A2(), 32, 0], [ARG_A4(), 32, 0], [ARG_A0(), 32, 0], [ARG_T1(), 32, 0],
         [ARG_T2(), 32, 0], [ARG_T0(), 32, 0], [ARG_M0(), 35, 0], [ARG_E0(), 5, 0], [ARG_M1(), 35, 0], [ARG_E1(), 5, 0], [ARG_FM(), 11, 0],
         [ARG_FE(), 5, 0], [SRC_NONCE_MASK(), 8, 0]]
    ];
    return layouts[op];
}

// Signed messages (version 1). Index: 0 Transfer (also TransferToNew), 1 Withdraw, 2 ChangePubKey,
// 3 ForcedExit, 4 MintNFT, 5 WithdrawNFT, 6 Swap, 7 order A, 8 order B.
function MESSAGE_COUNT() { return 9; }
function MSG_TRANSFER() { return 0; }
function MSG_WITHDRAW() { return 1; }
function MSG_CHANGE_PUBKEY() { return 2; }
function MSG_FORCED_EXIT() { return 3; }
function MSG_MINT_NFT() { return 4; }
function MSG_WITHDRAW_NFT() { return 5; }
function MSG_SWAP() { return 6; }
function MSG_ORDER_A() { return 7; }
function MSG_ORDER_B() { return 8; }

function MESSAGE_LAYOUT(message) {
    var E = END_OF_LAYOUT(); var C = SRC_CONST();
    var none[3] = [E, 0, 0];
    var layouts[9][16][3] = [
        // Transfer: fa 01 accountId from to token amount5 fee2 nonce validFrom validUntil
        [[C, 8, 250], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_ADDR1(), 160, 0], [ARG_T0(), 32, 0], [ARG_M0(), 35, 0],
         [ARG_E0(), 5, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_N0(), 32, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0], none, none, none],
        // Withdraw: fc 01 accountId from to token amount16 fee2 nonce validFrom validUntil
        [[C, 8, 252], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_ADDR1(), 160, 0], [ARG_T0(), 32, 0], [ARG_AMT0(), 128, 0],
         [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_N0(), 32, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0], none, none, none, none],
        // ChangePubKey: f8 01 accountId account newPkHash feeToken fee2 nonce validFrom validUntil
        [[C, 8, 248], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_PKH0(), 160, 0], [ARG_T0(), 32, 0], [ARG_FM(), 11, 0],
         [ARG_FE(), 5, 0], [ARG_N0(), 32, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0], none, none, none, none, none],
        // ForcedExit: f7 01 initiatorId target token fee2 nonce validFrom validUntil
        [[C, 8, 247], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_T0(), 32, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0],
         [ARG_N0(), 32, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0], none, none, none, none, none, none],
        // MintNFT: f6 01 creatorId creatorAddress contentHash recipient feeToken fee2 nonce
        [[C, 8, 246], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_CH_HI(), 128, 0], [ARG_CH_LO(), 128, 0],
         [ARG_ADDR1(), 160, 0], [ARG_T0(), 32, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_N0(), 32, 0], none, none, none, none, none],
        // WithdrawNFT: f5 01 accountId from to token feeToken fee2 nonce validFrom validUntil
        [[C, 8, 245], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_ADDR1(), 160, 0], [ARG_T1(), 32, 0], [ARG_T0(), 32, 0],
         [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_N0(), 32, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0], none, none, none, none],
        // Swap: f4 01 submitterId submitterAddress nonce ordersHash31 feeToken fee2 amountA5 amountB5
        [[C, 8, 244], [C, 8, 1], [ARG_A0(), 32, 0], [ARG_ADDR0(), 160, 0], [ARG_N0(), 32, 0], [SRC_ORDERS_HASH(), 248, 0],
         [ARG_T0(), 32, 0], [ARG_FM(), 11, 0], [ARG_FE(), 5, 0], [ARG_M0(), 35, 0], [ARG_E0(), 5, 0], [ARG_M1(), 35, 0], [ARG_E1(), 5, 0],
         none, none, none],
        // order A: 6f 01 accountId recipient nonce tokenSell tokenBuy ratioSell ratioBuy amount5 validFrom validUntil
        [[C, 8, 111], [C, 8, 1], [ARG_A1(), 32, 0], [ARG_ADDR1(), 160, 0], [ARG_N1(), 32, 0], [ARG_T1(), 32, 0], [ARG_T2(), 32, 0],
         [ARG_RA0(), 120, 0], [ARG_RA1(), 120, 0], [SRC_ORDER_AMOUNT_A(), 40, 0], [ARG_VF0(), 64, 0], [ARG_VU0(), 64, 0],
         none, none, none, none],
        // order B
        [[C, 8, 111], [C, 8, 1], [ARG_A2(), 32, 0], [ARG_ADDR2(), 160, 0], [ARG_N2(), 32, 0], [ARG_T2(), 32, 0], [ARG_T1(), 32, 0],
         [ARG_RB0(), 120, 0], [ARG_RB1(), 120, 0], [SRC_ORDER_AMOUNT_B(), 40, 0], [ARG_VF1(), 64, 0], [ARG_VU1(), 64, 0],
         none, none, none, none]
    ];
    return layouts[message];
}
