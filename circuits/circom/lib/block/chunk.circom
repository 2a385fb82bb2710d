pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "steps.circom";
include "args.circom";
include "layouts.circom";
include "leaf_update.circom";
include "token_predicates.circom";

// The NFT storage account's counters live at this token id (PROTOCOL.md §1.4).
function NFT_COUNTER_TOKEN_ID() { return 2147483646; }

// One chunk of a block: the rules of its step (operation type and chunk index, `steps.circom`) applied to
// one account leaf and one balance (`LeafUpdate`), and the chunk's 80 pubdata bits equal to its slice of
// the operation's pubdata. Work that only some steps need (signature checks, the swap's orders hash and
// price checks) is done once per pair of chunks by `ChunkPairServices`: the chunk states what it wants
// checked (`want*` and the values) and the block binds it to its pair's services. A balance outside the
// processable tree (token id >= 2^10: NFTs and their counters) is proven by one of the block's extended
// lanes (`extended` = 1; the block binds token, balances, lane roots and the NFT digest to a lane).
//
// Which step touches which leaf (A*, T*, ADDR* are the chunk's arguments, `args.circom`):
//   Deposit 0: A0/T0 credit AMT0, account created for ADDR0 when empty
//   TransferToNew / Transfer 0: A0/T0 debit AMT0 + fee, nonce N0 + 1, signed by the account's key
//   TransferToNew 1: A1/T0 must be empty, created for ADDR1, credit AMT0; Transfer 1: A1 (address ADDR1)
//   Withdraw 0: A0/T0 debit AMT0 + fee, nonce; ChangePubKey 0: A0/T0 debit fee, nonce, PubKeyHash := PKH0
//   ForcedExit 0: initiator A0/T0 debit fee, nonce; 1: target A1 (keyless, address ADDR0) balance -> 0 = AMT0
//   FullExit 0: A0/T0 balance -> 0 = AMT0 when the account is ADDR0's (else AMT0 = 0, nothing changes);
//            1, 2 (NFTs only): storage holds the digest of (A1, SERIAL, CH) at T0; A1's address is ADDR1
//   MintNFT 0: creator A0/T0 debit fee, nonce; 1: A0's counter (= SERIAL) + 1; 2: storage counter (= T1) + 1;
//           3: storage balance T1 := digest; 4: recipient A1 (address ADDR1) gets 1 of T1
//   WithdrawNFT 0: A0/T0 debit fee, nonce; 1: A0 balance of T1 1 -> 0; 2: storage digest at T1;
//               3: creator A1 has address ADDR2
//   Swap 0: submitter A0/T0 debit fee, nonce; 1: maker A1 debits AMT0 of T1; 2: maker B A2 debits AMT1 of T2;
//        3: recipient A3 (ADDR1) gets AMT1 of T2; 4: recipient A4 (ADDR2) gets AMT0 of T1
// Debits come before credits in every operation, as in @zklite/state's handlers.
template BlockChunk(accountDepth, balanceDepth) {
    var accountLevels = accountDepth \ 2;

    signal input step[STEP_COUNT()];
    signal input args[ARG_COUNT()];
    signal input timestamp;
    signal input rootBefore;
    signal input accountIndex;
    signal input tokenIndex;
    signal input oldNonce;
    signal input oldPubKeyHash;
    signal input oldAddress;
    signal input oldBalance;
    signal input accountSiblings[accountLevels][3];
    signal input processableSiblings[PROCESSABLE_TOKEN_DEPTH() \ 2][3];
    // processable token: the account's extended root; otherwise its processable root
    signal input otherRoot;
    // from the claimed extended lane (extended tokens only)
    signal input laneOldRoot;
    signal input laneNewRoot;
    signal input laneDigest;
    signal input pubdataBits[80];
    // output of the pair's services
    signal input slotOrdersHashBits[248];

    signal output rootAfter;
    signal output extended;
    signal output newBalance;
    signal output onchainStart;
    signal output wantSignature;
    signal output signatureMessage[3];
    signal output signerPubKeyHash;
    signal output digestPacked[2];
    signal output wantOrdersHash;
    signal output ordersHashInputs[6];
    signal output wantPrice;
    signal output priceLow;
    signal output priceHigh;
    signal output feePaid;
    signal output fee;
    signal output feeToken;

    // ---- step selector ----
    var stepSum = 0;
    for (var s = 0; s < STEP_COUNT(); s++) {
        step[s] * (step[s] - 1) === 0;
        stepSum += step[s];
    }
    stepSum === 1;
    var sDEP0 = step[STEP(OP_DEPOSIT(), 0)];
    var sTTN0 = step[STEP(OP_TRANSFER_TO_NEW(), 0)];
    var sTTN1 = step[STEP(OP_TRANSFER_TO_NEW(), 1)];
    var sW0 = step[STEP(OP_WITHDRAW(), 0)];
    var sTR0 = step[STEP(OP_TRANSFER(), 0)];
    var sTR1 = step[STEP(OP_TRANSFER(), 1)];
    var sFX0 = step[STEP(OP_FULL_EXIT(), 0)];
    var sFX1 = step[STEP(OP_FULL_EXIT(), 1)];
    var sFX2 = step[STEP(OP_FULL_EXIT(), 2)];
    var sCPK0 = step[STEP(OP_CHANGE_PUBKEY(), 0)];
    var sFE0 = step[STEP(OP_FORCED_EXIT(), 0)];
    var sFE1 = step[STEP(OP_FORCED_EXIT(), 1)];
    var sMINT0 = step[STEP(OP_MINT_NFT(), 0)];
    var sMINT1 = step[STEP(OP_MINT_NFT(), 1)];
    var sMINT2 = step[STEP(OP_MINT_NFT(), 2)];
    var sMINT3 = step[STEP(OP_MINT_NFT(), 3)];
    var sMINT4 = step[STEP(OP_MINT_NFT(), 4)];
    var sWNFT0 = step[STEP(OP_WITHDRAW_NFT(), 0)];
    var sWNFT1 = step[STEP(OP_WITHDRAW_NFT(), 1)];
    var sWNFT2 = step[STEP(OP_WITHDRAW_NFT(), 2)];
    var sWNFT3 = step[STEP(OP_WITHDRAW_NFT(), 3)];
    var sSWAP0 = step[STEP(OP_SWAP(), 0)];
    var sSWAP1 = step[STEP(OP_SWAP(), 1)];
    var sSWAP2 = step[STEP(OP_SWAP(), 2)];
    var sSWAP3 = step[STEP(OP_SWAP(), 3)];
    var sSWAP4 = step[STEP(OP_SWAP(), 4)];
    // first chunks of the signed transactions that pay a fee from account A0 (nonce N0)
    var sSignedTx = sTTN0 + sTR0 + sW0 + sCPK0 + sFE0 + sMINT0 + sWNFT0 + sSWAP0;

    var onchain = 0;
    for (var op = 0; op < OP_COUNT(); op++) onchain += OP_IS_ONCHAIN(op) * step[OP_FIRST_STEP(op)];
    onchainStart <== onchain;

    // ---- arguments ----
    component argBits = ArgBits();
    argBits.args <== args;
    var bits[ARG_COUNT()][160] = argBits.bits;

    component amount0Scale = PowerOfTen();
    component amount1Scale = PowerOfTen();
    component feeScale = PowerOfTen();
    for (var k = 0; k < 5; k++) {
        amount0Scale.exponentBits[k] <== bits[ARG_E0()][k];
        amount1Scale.exponentBits[k] <== bits[ARG_E1()][k];
        feeScale.exponentBits[k] <== bits[ARG_FE()][k];
    }
    signal packedAmount0 <== args[ARG_M0()] * amount0Scale.out;
    signal packedAmount1 <== args[ARG_M1()] * amount1Scale.out;
    fee <== args[ARG_FM()] * feeScale.out;
    feeToken <== args[ARG_T0()];
    // operations whose pubdata carries packed amounts: the amount is the packed value
    (sTTN0 + sTR0 + sSWAP0) * (args[ARG_AMT0()] - packedAmount0) === 0;
    sSWAP0 * (args[ARG_AMT1()] - packedAmount1) === 0;

    component tokens = TokenPredicates(balanceDepth);
    for (var k = 0; k < 32; k++) {
        tokens.t0[k] <== bits[ARG_T0()][k];
        tokens.t1[k] <== bits[ARG_T1()][k];
        tokens.t2[k] <== bits[ARG_T2()][k];
    }
    (sTTN0 + sTR0) * (1 - tokens.t0Valid) === 0;
    (sDEP0 + sW0 + sFE0) * (1 - tokens.t0Processable) === 0;
    (sCPK0 + sMINT0 + sWNFT0 + sSWAP0) * (1 - tokens.t0Processable) === 0;
    sSWAP0 * (1 - tokens.t1Valid) === 0;
    sSWAP0 * (1 - tokens.t2Valid) === 0;
    sMINT2 * (1 - tokens.t1Valid) === 0;
    sWNFT1 * (1 - tokens.t1ValidNft) === 0;

    component isStorage = IsEqual();
    isStorage.in <== [accountIndex, 2 ** accountDepth - 1];
    component addressZero[3];
    for (var k = 0; k < 3; k++) {
        addressZero[k] = IsZero();
        addressZero[k].in <== args[ARG_ADDR0() + k];
    }
    component ownerMatches = IsEqual();
    ownerMatches.in <== [oldAddress, args[ARG_ADDR0()]];
    component feeZero = IsZero();
    feeZero.in <== fee;
    component amount0Zero = IsZero();
    amount0Zero.in <== args[ARG_AMT0()];
    component amount1Zero = IsZero();
    amount1Zero.in <== args[ARG_AMT1()];
    component makerAIsSubmitter = IsEqual();
    makerAIsSubmitter.in <== [args[ARG_A1()], args[ARG_A0()]];
    component makerBIsSubmitter = IsEqual();
    makerBIsSubmitter.in <== [args[ARG_A2()], args[ARG_A0()]];
    component makersEqual = IsEqual();
    makersEqual.in <== [args[ARG_A1()], args[ARG_A2()]];
    component swapTokensEqual = IsEqual();
    swapTokensEqual.in <== [args[ARG_T1()], args[ARG_T2()]];
    component serialExhausted = IsEqual();
    serialExhausted.in <== [args[ARG_SERIAL()], 2 ** 32 - 1];

    // ---- swap rules ----
    sSWAP0 * swapTokensEqual.out === 0;
    sSWAP0 * makersEqual.out === 0;
    // a nonce-mask bit says the order had a (non-zero) amount, which must be the fill amount
    signal maskAOnZero <== args[ARG_MASK_A()] * amount0Zero.out;
    signal maskBOnZero <== args[ARG_MASK_B()] * amount1Zero.out;
    sSWAP0 * maskAOnZero === 0;
    sSWAP0 * maskBOnZero === 0;

    // ---- full exit: withdrawable when the ids fit and the account is the owner's (never the storage) ----
    var accountHighBits = 0;
    for (var k = accountDepth; k < 32; k++) accountHighBits += bits[ARG_A0()][k];
    component accountFits = IsZero();
    accountFits.in <== accountHighBits;
    signal exitIdsValid <== tokens.t0Valid * accountFits.out;
    signal exitBound <== sFX0 * exitIdsValid;
    signal exitOwned <== exitIdsValid * ownerMatches.out;
    signal exitWithdrawable <== exitOwned * (1 - isStorage.out);
    signal exitAmount <== exitWithdrawable * oldBalance;
    sFX0 * (args[ARG_AMT0()] - exitAmount) === 0;
    // an NFT leaves with its metadata, checked in the next two chunks; otherwise the metadata is zero
    signal exitIsNft <== (1 - amount0Zero.out) * (1 - tokens.t0Fungible);
    signal exitNftStorage <== sFX1 * exitIsNft;
    signal exitNftCreator <== sFX2 * exitIsNft;
    signal exitPlain <== sFX0 * (1 - exitIsNft);
    exitPlain * (args[ARG_A1()] + args[ARG_ADDR1()] + args[ARG_SERIAL()] + args[ARG_CH_HI()] + args[ARG_CH_LO()]) === 0;

    // ---- which leaf ----
    var bindA0 = sDEP0 + sSignedTx + sMINT1 + sWNFT1 + exitBound;
    var bindA1 = sTTN1 + sTR1 + sFE1 + sMINT4 + sWNFT3 + sSWAP1 + exitNftCreator;
    var bindStorage = sMINT2 + sMINT3 + sWNFT2 + exitNftStorage;
    bindA0 * (accountIndex - args[ARG_A0()]) === 0;
    bindA1 * (accountIndex - args[ARG_A1()]) === 0;
    sSWAP2 * (accountIndex - args[ARG_A2()]) === 0;
    sSWAP3 * (accountIndex - args[ARG_A3()]) === 0;
    sSWAP4 * (accountIndex - args[ARG_A4()]) === 0;
    bindStorage * (accountIndex - (2 ** accountDepth - 1)) === 0;

    var bindT0 = sDEP0 + sTTN0 + sTTN1 + sTR0 + sTR1 + sW0 + sCPK0 + sFE0 + sFE1 + sMINT0 + sWNFT0 + sSWAP0 + exitBound + exitNftStorage;
    var bindT1 = sMINT3 + sMINT4 + sWNFT1 + sWNFT2 + sSWAP1 + sSWAP4;
    bindT0 * (tokenIndex - args[ARG_T0()]) === 0;
    bindT1 * (tokenIndex - args[ARG_T1()]) === 0;
    (sSWAP2 + sSWAP3) * (tokenIndex - args[ARG_T2()]) === 0;
    (sMINT1 + sMINT2) * (tokenIndex - NFT_COUNTER_TOKEN_ID()) === 0;

    // ---- the account's fields ----
    (sTTN0 + sTR0 + sW0 + sCPK0 + sFE1 + sMINT0 + sWNFT0 + sSWAP0) * (oldAddress - args[ARG_ADDR0()]) === 0;
    (sTR1 + sMINT4 + sSWAP3 + exitNftCreator) * (oldAddress - args[ARG_ADDR1()]) === 0;
    (sWNFT3 + sSWAP4) * (oldAddress - args[ARG_ADDR2()]) === 0;
    sTTN1 * oldAddress === 0;
    signal depositTargetConflict <== oldAddress * (oldAddress - args[ARG_ADDR0()]);
    sDEP0 * depositTargetConflict === 0;
    (sDEP0 + sFE1) * addressZero[0].out === 0;
    (sTTN1 + sTR1 + sMINT4 + sSWAP3) * addressZero[1].out === 0;
    sSWAP4 * addressZero[2].out === 0;
    (sDEP0 + sTR1 + sFE1 + sMINT4 + sSWAP3 + sSWAP4) * isStorage.out === 0;
    sFE1 * oldPubKeyHash === 0;
    sSWAP1 * (oldPubKeyHash - args[ARG_PKH0()]) === 0;

    sSignedTx * (oldNonce - args[ARG_N0()]) === 0;
    sSWAP1 * (oldNonce - args[ARG_N1()] - makerAIsSubmitter.out) === 0;
    sSWAP2 * (oldNonce - args[ARG_N2()] - makerBIsSubmitter.out) === 0;
    signal bumpMakerA <== args[ARG_MASK_A()] * (1 - makerAIsSubmitter.out);
    signal bumpMakerB <== args[ARG_MASK_B()] * (1 - makerBIsSubmitter.out);
    signal nonceBumpA <== sSWAP1 * bumpMakerA;
    signal nonceBumpB <== sSWAP2 * bumpMakerB;
    signal newNonce <== oldNonce + sSignedTx + nonceBumpA + nonceBumpB;
    component newNonceRange = Num2Bits(32);
    newNonceRange.in <== newNonce;

    signal pubKeyHashChange <== sCPK0 * (args[ARG_PKH0()] - oldPubKeyHash);
    signal addressChangeDeposit <== sDEP0 * (args[ARG_ADDR0()] - oldAddress);
    signal addressChangeNew <== sTTN1 * (args[ARG_ADDR1()] - oldAddress);

    // ---- the balance ----
    sFE1 * (args[ARG_AMT0()] - oldBalance) === 0;
    sMINT1 * (args[ARG_SERIAL()] - oldBalance) === 0;
    sMINT1 * serialExhausted.out === 0;
    sMINT2 * (args[ARG_T1()] - oldBalance) === 0;
    sMINT3 * oldBalance === 0;
    sWNFT1 * (oldBalance - 1) === 0;
    (sWNFT2 + exitNftStorage) * (oldBalance - laneDigest) === 0;

    signal debitAmountAndFee <== (sTTN0 + sTR0 + sW0) * (args[ARG_AMT0()] + fee);
    signal debitFee <== (sCPK0 + sFE0 + sMINT0 + sWNFT0 + sSWAP0) * fee;
    signal debitAll <== sFE1 * oldBalance;
    signal debitAmount0 <== (sFX0 + sSWAP1) * args[ARG_AMT0()];
    signal debitAmount1 <== sSWAP2 * args[ARG_AMT1()];
    signal creditAmount0 <== (sDEP0 + sTTN1 + sTR1 + sSWAP4) * args[ARG_AMT0()];
    signal creditAmount1 <== sSWAP3 * args[ARG_AMT1()];
    signal creditDigest <== sMINT3 * laneDigest;
    newBalance <== oldBalance + creditAmount0 + creditAmount1 + creditDigest + sMINT1 + sMINT2 + sMINT4
        - debitAmountAndFee - debitFee - debitAll - debitAmount0 - debitAmount1 - sWNFT1;
    // no underflow (debit > balance) and no overflow past u128
    component newBalanceRange = Num2Bits(128);
    newBalanceRange.in <== newBalance;

    component tokenBits = Num2Bits(32);
    tokenBits.in <== tokenIndex;
    component processable = HighBitsZero(PROCESSABLE_TOKEN_DEPTH());
    processable.bits <== tokenBits.out;
    extended <== 1 - processable.out;

    component leaf = LeafUpdate(accountDepth);
    leaf.accountIndex <== accountIndex;
    for (var k = 0; k < PROCESSABLE_TOKEN_DEPTH(); k++) leaf.tokenBits[k] <== tokenBits.out[k];
    leaf.extended <== extended;
    leaf.oldNonce <== oldNonce;
    leaf.oldPubKeyHash <== oldPubKeyHash;
    leaf.oldAddress <== oldAddress;
    leaf.oldBalance <== oldBalance;
    leaf.accountSiblings <== accountSiblings;
    leaf.processableSiblings <== processableSiblings;
    leaf.otherRoot <== otherRoot;
    leaf.laneOldRoot <== laneOldRoot;
    leaf.laneNewRoot <== laneNewRoot;
    leaf.newNonce <== newNonce;
    leaf.newPubKeyHash <== oldPubKeyHash + pubKeyHashChange;
    leaf.newAddress <== oldAddress + addressChangeDeposit + addressChangeNew;
    leaf.newBalance <== newBalance;
    leaf.rootBefore === rootBefore;
    rootAfter <== leaf.rootAfter;

    // ---- validity range: validFrom <= timestamp <= validUntil ----
    var sRange0 = sTTN0 + sTR0 + sW0 + sCPK0 + sFE0 + sWNFT0 + sSWAP4;
    signal validFromRange0 <== sRange0 * args[ARG_VF0()];
    signal validFromRange1 <== sSWAP2 * args[ARG_VF1()];
    signal validUntilRange0 <== sRange0 * args[ARG_VU0()];
    signal validUntilRange1 <== sSWAP2 * args[ARG_VU1()];
    component notBefore = Num2Bits(65);
    notBefore.in <== timestamp - validFromRange0 - validFromRange1 + 2 ** 64;
    component notAfter = Num2Bits(65);
    notAfter.in <== validUntilRange0 + validUntilRange1 - timestamp + 2 ** 64;
    (sRange0 + sSWAP2) * (1 - notBefore.out[64]) === 0;
    (sRange0 + sSWAP2) * (1 - notAfter.out[64]) === 0;

    // ---- fees ----
    feePaid <== sSignedTx * (1 - feeZero.out);

    // ---- pubdata and signed messages as bit strings ----
    signal orderAmountA[40];
    signal orderAmountB[40];
    for (var k = 0; k < 35; k++) {
        orderAmountA[k] <== args[ARG_MASK_A()] * bits[ARG_M0()][34 - k];
        orderAmountB[k] <== args[ARG_MASK_B()] * bits[ARG_M1()][34 - k];
    }
    for (var k = 0; k < 5; k++) {
        orderAmountA[35 + k] <== args[ARG_MASK_A()] * bits[ARG_E0()][4 - k];
        orderAmountB[35 + k] <== args[ARG_MASK_B()] * bits[ARG_E1()][4 - k];
    }

    // strings[0..10]: pubdata of each operation; strings[11..19]: the signed messages
    var strings[20][880];
    var lengths[20];
    for (var x = 0; x < 20; x++) {
        for (var j = 0; j < 880; j++) strings[x][j] = 0;
        var layout[16][3] = x < 11 ? PUBDATA_LAYOUT(x) : MESSAGE_LAYOUT(x - 11);
        var pos = 0;
        for (var e = 0; e < LAYOUT_MAX_ENTRIES(); e++) {
            var source = layout[e][0];
            var width = layout[e][1];
            if (source == SRC_CONST()) {
                for (var b = width - 1; b >= 0; b--) { strings[x][pos] = (layout[e][2] >> b) & 1; pos++; }
            }
            if (source >= 0) {
                for (var b = width - 1; b >= 0; b--) { strings[x][pos] = bits[source][b]; pos++; }
            }
            if (source == SRC_ORDERS_HASH()) {
                // 31 little-endian bytes of the hash with each byte's bits reversed = its bits, lowest first
                for (var b = 0; b < width; b++) { strings[x][pos] = slotOrdersHashBits[b]; pos++; }
            }
            if (source == SRC_ORDER_AMOUNT_A()) {
                for (var b = 0; b < width; b++) { strings[x][pos] = orderAmountA[b]; pos++; }
            }
            if (source == SRC_ORDER_AMOUNT_B()) {
                for (var b = 0; b < width; b++) { strings[x][pos] = orderAmountB[b]; pos++; }
            }
            if (source == SRC_NONCE_MASK()) {
                for (var b = 0; b < 6; b++) { strings[x][pos] = 0; pos++; }
                strings[x][pos] = args[ARG_MASK_B()];
                strings[x][pos + 1] = args[ARG_MASK_A()];
                pos += 2;
            }
        }
        lengths[x] = pos;
    }

    // the chunk's pubdata is its slice of its operation's pubdata
    signal pubdataTerm[STEP_COUNT()];
    var expectedChunk = 0;
    for (var op = 0; op < OP_COUNT(); op++) {
        for (var k = 0; k < OP_CHUNK_COUNT(op); k++) {
            var slice = 0;
            for (var j = 0; j < 80; j++) slice += strings[op][80 * k + j] * (2 ** (79 - j));
            pubdataTerm[STEP(op, k)] <== 80 * k < lengths[op] ? step[STEP(op, k)] * slice : 0;
            expectedChunk += pubdataTerm[STEP(op, k)];
        }
    }
    var chunkValue = 0;
    // (the bits are boolean-checked by BlockCommitment)
    for (var j = 0; j < 80; j++) chunkValue += pubdataBits[j] * (2 ** (79 - j));
    chunkValue === expectedChunk;

    // signatures: which message this chunk wants verified, and by whom
    var messageSelector[MESSAGE_COUNT()] = [sTTN0 + sTR0, sW0, sCPK0, sFE0, sMINT0, sWNFT0, sSWAP0, sSWAP4, sSWAP2];
    signal messageTerm[MESSAGE_COUNT()][3];
    var message[3] = [0, 0, 0];
    for (var m = 0; m < MESSAGE_COUNT(); m++) {
        for (var q = 0; q < 3; q++) {
            var packed = 0;
            for (var j = 0; j < 253; j++) {
                if (253 * q + j < lengths[11 + m]) packed += strings[11 + m][253 * q + j] * (2 ** j);
            }
            messageTerm[m][q] <== messageSelector[m] * packed;
            message[q] += messageTerm[m][q];
        }
    }
    wantSignature <== sSignedTx + sSWAP2 + sSWAP4;
    signatureMessage <== message;
    signal signerIsArgument <== (sCPK0 + sSWAP4) * (args[ARG_PKH0()] - oldPubKeyHash);
    signerPubKeyHash <== oldPubKeyHash + signerIsArgument;

    // NFT digests (the claimed lane computes them): MintNFT writes (A0, SERIAL, CH); WithdrawNFT and FullExit
    // check (A1, SERIAL, CH)
    signal wantDigest <== sMINT3 + sWNFT2 + exitNftStorage;
    // only a lane computes digests, and these balances are NFTs' (extended) anyway
    wantDigest * (1 - extended) === 0;
    signal digestCreatorMint <== sMINT3 * args[ARG_A0()];
    signal digestCreatorHeld <== (sWNFT2 + exitNftStorage) * args[ARG_A1()];
    // packed as NftTokenDigest packs them (the arguments are range-checked, so packing is injective)
    digestPacked[0] <== (digestCreatorMint + digestCreatorHeld) * (1 << 160) + args[ARG_SERIAL()] * (1 << 128) + args[ARG_CH_HI()];
    digestPacked[1] <== args[ARG_CH_LO()];

    // the swap's orders hash: Rescue over order A's bytes then order B's, 253 bits per element
    wantOrdersHash <== sSWAP0;
    var ordersPacked[6] = [0, 0, 0, 0, 0, 0];
    for (var j = 0; j < 1424; j++) {
        var orderBit = j < 712 ? strings[11 + MSG_ORDER_A()][j] : strings[11 + MSG_ORDER_B()][j - 712];
        ordersPacked[j \ 253] += orderBit * (2 ** (j % 253));
    }
    ordersHashInputs <== ordersPacked;

    // each maker gets at least its price: sold * ratio[buy] <= bought * ratio[sell]
    wantPrice <== sSWAP1 + sSWAP3;
    signal soldTimesRatioA <== args[ARG_AMT0()] * args[ARG_RA1()];
    signal boughtTimesRatioA <== args[ARG_AMT1()] * args[ARG_RA0()];
    signal soldTimesRatioB <== args[ARG_AMT1()] * args[ARG_RB1()];
    signal boughtTimesRatioB <== args[ARG_AMT0()] * args[ARG_RB0()];
    signal priceLowA <== sSWAP1 * soldTimesRatioA;
    signal priceLowB <== sSWAP3 * soldTimesRatioB;
    signal priceHighA <== sSWAP1 * boughtTimesRatioA;
    signal priceHighB <== sSWAP3 * boughtTimesRatioB;
    priceLow <== priceLowA + priceLowB;
    priceHigh <== priceHighA + priceHighB;
}
