pragma circom 2.1.0;

include "../block_commitment.circom";
include "steps.circom";
include "args.circom";
include "chunk.circom";
include "pair_services.circom";
include "fee_credit.circom";
include "extended_lane.circom";

// A zkLite block of `chunks` chunks (even) over trees of `accountDepth`/`balanceDepth` bits, crediting fees
// through `feeSlots` slots (one token each), with `lanes` extended lanes for the chunks that touch balances
// outside the processable trees (token ids >= 2^10; @zklite/state's maxExtendedTouches). Its only public signal is the masked block commitment of
// PROTOCOL.md §4.4, so L1 verifies a block with one input. Old and new roots, block number, fee account and
// timestamp are witnesses bound by that hash.
//
// Order of state changes: chunk 0 .. chunks-1 each change one leaf (`BlockChunk`), then each fee slot
// credits its total to the fee account (`FeeCredit`), as @zklite/state's BlockBuilder does when sealing.
template Block(chunks, accountDepth, balanceDepth, feeSlots, lanes) {
    assert(chunks % 2 == 0);
    assert(feeSlots >= 1);
    assert(lanes >= 1);
    var pairs = chunks \ 2;
    var accountLevels = accountDepth \ 2;
    var balanceLevels = balanceDepth \ 2;
    var processableLevels = PROCESSABLE_TOKEN_DEPTH() \ 2;

    signal input oldRoot;
    signal input blockNumber;
    signal input feeAccountId;
    signal input timestamp;
    signal input pubdataBits[chunks * 80];

    signal input step[chunks][STEP_COUNT()];
    signal input args[chunks][ARG_COUNT()];
    signal input accountIndex[chunks];
    signal input tokenIndex[chunks];
    signal input oldNonce[chunks];
    signal input oldPubKeyHash[chunks];
    signal input oldAddress[chunks];
    signal input oldBalance[chunks];
    signal input accountSiblings[chunks][accountLevels][3];
    signal input processableSiblings[chunks][processableLevels][3];
    signal input otherRoot[chunks];
    signal input laneOldRoot[chunks];
    signal input laneNewRoot[chunks];
    signal input laneDigest[chunks];

    signal input signatureMessage[pairs][3];
    signal input signaturePkx[pairs];
    signal input signaturePky[pairs];
    signal input signatureRx[pairs];
    signal input signatureRy[pairs];
    signal input signatureS[pairs];
    signal input ordersHashInputs[pairs][6];
    signal input priceLow[pairs];
    signal input priceHigh[pairs];

    signal input feeSlotOf[chunks][feeSlots];
    signal input feeToken[feeSlots];
    signal input feeOldNonce[feeSlots];
    signal input feeOldPubKeyHash[feeSlots];
    signal input feeOldAddress[feeSlots];
    signal input feeOldBalance[feeSlots];
    signal input feeAccountSiblings[feeSlots][accountLevels][3];
    signal input feeProcessableSiblings[feeSlots][processableLevels][3];
    signal input feeExtendedRoot[feeSlots];

    signal input laneClaim[chunks][lanes];
    signal input laneTokenIndex[lanes];
    signal input laneOldBalance[lanes];
    signal input laneNewBalance[lanes];
    signal input laneSiblings[lanes][balanceLevels][3];
    signal input laneDigestPacked[lanes][2];

    signal output commitment;

    // ---- chunking: an operation's chunks are consecutive, complete, and carry equal arguments ----
    for (var op = 0; op < OP_COUNT(); op++) {
        var first = OP_FIRST_STEP(op);
        for (var k = 1; k < OP_CHUNK_COUNT(op); k++) {
            step[0][first + k] === 0;
            for (var i = 1; i < chunks; i++) step[i][first + k] === step[i - 1][first + k - 1];
            step[chunks - 1][first + k - 1] === 0;
        }
    }
    signal argsChange[chunks][ARG_COUNT()];
    for (var i = 1; i < chunks; i++) {
        var continues = 0;
        for (var op = 0; op < OP_COUNT(); op++) {
            for (var k = 1; k < OP_CHUNK_COUNT(op); k++) continues += step[i][OP_FIRST_STEP(op) + k];
        }
        for (var a = 0; a < ARG_COUNT(); a++) {
            argsChange[i][a] <== continues * (args[i][a] - args[i - 1][a]);
            argsChange[i][a] === 0;
        }
    }

    // ---- services shared by each pair of chunks ----
    component services[pairs];
    for (var p = 0; p < pairs; p++) {
        services[p] = ChunkPairServices();
        services[p].signatureMessage <== signatureMessage[p];
        services[p].pkx <== signaturePkx[p];
        services[p].pky <== signaturePky[p];
        services[p].rx <== signatureRx[p];
        services[p].ry <== signatureRy[p];
        services[p].s <== signatureS[p];
        services[p].ordersHashInputs <== ordersHashInputs[p];
        services[p].priceLow <== priceLow[p];
        services[p].priceHigh <== priceHigh[p];
    }

    // ---- chunks ----
    component chunk[chunks];
    for (var i = 0; i < chunks; i++) {
        var p = i \ 2;
        chunk[i] = BlockChunk(accountDepth, balanceDepth);
        chunk[i].step <== step[i];
        chunk[i].args <== args[i];
        chunk[i].timestamp <== timestamp;
        chunk[i].rootBefore <== i == 0 ? oldRoot : chunk[i - 1].rootAfter;
        chunk[i].accountIndex <== accountIndex[i];
        chunk[i].tokenIndex <== tokenIndex[i];
        chunk[i].oldNonce <== oldNonce[i];
        chunk[i].oldPubKeyHash <== oldPubKeyHash[i];
        chunk[i].oldAddress <== oldAddress[i];
        chunk[i].oldBalance <== oldBalance[i];
        chunk[i].accountSiblings <== accountSiblings[i];
        chunk[i].processableSiblings <== processableSiblings[i];
        chunk[i].otherRoot <== otherRoot[i];
        chunk[i].laneOldRoot <== laneOldRoot[i];
        chunk[i].laneNewRoot <== laneNewRoot[i];
        chunk[i].laneDigest <== laneDigest[i];
        for (var j = 0; j < 80; j++) chunk[i].pubdataBits[j] <== pubdataBits[80 * i + j];
        chunk[i].slotOrdersHashBits <== services[p].ordersHashBits;
    }

    // ---- claims on the pair services: at most one chunk per service, its values bound ----
    signal bindSignature[chunks][4];
    signal bindOrders[chunks][6];
    signal bindPrice[chunks][2];
    for (var i = 0; i < chunks; i++) {
        var p = i \ 2;
        for (var q = 0; q < 3; q++) {
            bindSignature[i][q] <== chunk[i].wantSignature * (signatureMessage[p][q] - chunk[i].signatureMessage[q]);
            bindSignature[i][q] === 0;
        }
        bindSignature[i][3] <== chunk[i].wantSignature * (services[p].signerPubKeyHash - chunk[i].signerPubKeyHash);
        bindSignature[i][3] === 0;
        for (var q = 0; q < 6; q++) {
            bindOrders[i][q] <== chunk[i].wantOrdersHash * (ordersHashInputs[p][q] - chunk[i].ordersHashInputs[q]);
            bindOrders[i][q] === 0;
        }
        bindPrice[i][0] <== chunk[i].wantPrice * (priceLow[p] - chunk[i].priceLow);
        bindPrice[i][0] === 0;
        bindPrice[i][1] <== chunk[i].wantPrice * (priceHigh[p] - chunk[i].priceHigh);
        bindPrice[i][1] === 0;
    }
    for (var p = 0; p < pairs; p++) {
        chunk[2 * p].wantSignature * chunk[2 * p + 1].wantSignature === 0;
        chunk[2 * p].wantOrdersHash * chunk[2 * p + 1].wantOrdersHash === 0;
        chunk[2 * p].wantPrice * chunk[2 * p + 1].wantPrice === 0;
    }

    // ---- extended lanes: each extended chunk takes its subtree transition and NFT digest from a lane ----
    // Claims need not be bits, nor lanes distinct: any non-zero claim binds the chunk's values to that lane,
    // and a lane's statement (the path from the old to the new balance) holds for every chunk bound to it.
    component lane[lanes];
    for (var l = 0; l < lanes; l++) {
        lane[l] = ExtendedLane(balanceDepth);
        lane[l].tokenIndex <== laneTokenIndex[l];
        lane[l].oldBalance <== laneOldBalance[l];
        lane[l].newBalance <== laneNewBalance[l];
        lane[l].siblings <== laneSiblings[l];
        lane[l].digestPacked <== laneDigestPacked[l];
    }
    signal laneBind[chunks][lanes][8];
    for (var i = 0; i < chunks; i++) {
        var claims = 0;
        for (var l = 0; l < lanes; l++) {
            claims += laneClaim[i][l];
            var chunkSide[8] = [tokenIndex[i], oldBalance[i], chunk[i].newBalance, laneOldRoot[i], laneNewRoot[i],
                chunk[i].digestPacked[0], chunk[i].digestPacked[1], laneDigest[i]];
            var laneSide[8] = [laneTokenIndex[l], laneOldBalance[l], laneNewBalance[l], lane[l].oldRoot, lane[l].newRoot,
                laneDigestPacked[l][0], laneDigestPacked[l][1], lane[l].digest];
            for (var v = 0; v < 8; v++) {
                laneBind[i][l][v] <== laneClaim[i][l] * (chunkSide[v] - laneSide[v]);
                laneBind[i][l][v] === 0;
            }
        }
        claims === chunk[i].extended;
    }

    // ---- fees: every paid fee goes to exactly one slot of its token; slots credit the fee account ----
    signal feeTokenMismatch[chunks][feeSlots];
    signal feeTaken[chunks][feeSlots];
    var feeTotal[feeSlots];
    for (var f = 0; f < feeSlots; f++) feeTotal[f] = 0;
    for (var i = 0; i < chunks; i++) {
        var slotsTaken = 0;
        for (var f = 0; f < feeSlots; f++) {
            feeSlotOf[i][f] * (feeSlotOf[i][f] - 1) === 0;
            slotsTaken += feeSlotOf[i][f];
            feeTokenMismatch[i][f] <== feeSlotOf[i][f] * (feeToken[f] - chunk[i].feeToken);
            feeTokenMismatch[i][f] === 0;
            feeTaken[i][f] <== feeSlotOf[i][f] * chunk[i].fee;
            feeTotal[f] += feeTaken[i][f];
        }
        slotsTaken === chunk[i].feePaid;
    }
    component feeCredit[feeSlots];
    for (var f = 0; f < feeSlots; f++) {
        feeCredit[f] = FeeCredit(accountDepth);
        feeCredit[f].rootBefore <== f == 0 ? chunk[chunks - 1].rootAfter : feeCredit[f - 1].rootAfter;
        feeCredit[f].feeAccountId <== feeAccountId;
        feeCredit[f].token <== feeToken[f];
        feeCredit[f].amount <== feeTotal[f];
        feeCredit[f].oldNonce <== feeOldNonce[f];
        feeCredit[f].oldPubKeyHash <== feeOldPubKeyHash[f];
        feeCredit[f].oldAddress <== feeOldAddress[f];
        feeCredit[f].oldBalance <== feeOldBalance[f];
        feeCredit[f].accountSiblings <== feeAccountSiblings[f];
        feeCredit[f].processableSiblings <== feeProcessableSiblings[f];
        feeCredit[f].extendedRoot <== feeExtendedRoot[f];
    }

    // ---- the public commitment ----
    component commit = BlockCommitment(chunks);
    commit.blockNumber <== blockNumber;
    commit.feeAccount <== feeAccountId;
    commit.oldRoot <== oldRoot;
    commit.newRoot <== feeCredit[feeSlots - 1].rootAfter;
    commit.timestamp <== timestamp;
    commit.pubdataBits <== pubdataBits;
    for (var i = 0; i < chunks; i++) commit.onchainOpStarts[i] <== chunk[i].onchainStart;
    commitment <== commit.commitment;
}
