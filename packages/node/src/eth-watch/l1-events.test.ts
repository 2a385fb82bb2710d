import { Governance__factory, ZkLite__factory } from "@zklite/contracts";
import { encodeOperationPubdata, type DepositOp, type FullExitOp } from "@zklite/protocol";
import { Log, type Provider } from "ethers";
import { describe, expect, it } from "vitest";

import { EthWatchError } from "./errors.js";
import {
  FACT_AUTH_RESET_REQUESTED_TOPIC,
  FACT_AUTH_TOPIC,
  NEW_PRIORITY_REQUEST_TOPIC,
  NEW_TOKEN_TOPIC,
  NFT_FACTORY_REGISTERED_TOPIC,
  decodeLogs,
  governanceEventsInterface,
  rollupEventsInterface,
} from "./l1-events.js";
import { decodePriorityOp } from "./priority-op-decoder.js";

const ROLLUP = "0x1000000000000000000000000000000000000001";
const GOVERNANCE = "0x2000000000000000000000000000000000000002";
const ALICE = "0xa11ce00000000000000000000000000000000a11";
const BOB = "0xb0b0000000000000000000000000000000000b0b";

/** The queued pubdata of §6.3: the op's significant bytes, unpadded. */
function queuedDeposit(op: Omit<DepositOp, "type" | "accountId">): Uint8Array {
  return encodeOperationPubdata({ type: "Deposit", accountId: 0, ...op }).subarray(0, 45);
}

function queuedFullExit(accountId: number, owner: string, token: number): Uint8Array {
  const op: FullExitOp = {
    type: "FullExit",
    accountId,
    owner,
    token,
    amount: 0n,
    nftCreatorId: 0,
    nftCreatorAddress: `0x${"00".repeat(20)}`,
    nftSerialId: 0,
    nftContentHash: `0x${"00".repeat(32)}`,
  };
  return encodeOperationPubdata(op).subarray(0, 105);
}

function log(fields: { address: string; topics: string[]; data: string; blockNumber: number; index: number; removed?: boolean }): Log {
  return new Log(
    {
      transactionHash: `0x${fields.blockNumber.toString(16).padStart(64, "0")}`,
      blockHash: `0x${"ab".repeat(32)}`,
      transactionIndex: 0,
      removed: fields.removed ?? false,
      ...fields,
    },
    null as unknown as Provider,
  );
}

function priorityLog(serialId: bigint, opType: number, pubdata: Uint8Array, blockNumber: number, index: number, sender = ALICE): Log {
  const encoded = rollupEventsInterface.encodeEventLog("NewPriorityRequest", [sender, serialId, opType, pubdata, blockNumber + 80_640]);
  return log({ address: ROLLUP, ...encoded, blockNumber, index });
}

describe("L1 event fragments", () => {
  it("have the compiled contracts' topics", () => {
    const rollup = ZkLite__factory.createInterface();
    expect(NEW_PRIORITY_REQUEST_TOPIC).toBe(rollup.getEvent("NewPriorityRequest").topicHash);
    expect(FACT_AUTH_TOPIC).toBe(rollup.getEvent("FactAuth").topicHash);
    expect(FACT_AUTH_RESET_REQUESTED_TOPIC).toBe(rollup.getEvent("FactAuthResetRequested").topicHash);
    const governance = Governance__factory.createInterface();
    expect(NEW_TOKEN_TOPIC).toBe(governance.getEvent("NewToken").topicHash);
    expect(NFT_FACTORY_REGISTERED_TOPIC).toBe(governance.getEvent("NFTFactoryRegisteredCreator").topicHash);
  });
});

describe("decodePriorityOp", () => {
  it("decodes the queued Deposit and FullExit layouts", () => {
    expect(decodePriorityOp(1, queuedDeposit({ token: 3, amount: 12345n, to: BOB }), ALICE.toUpperCase().replace("0X", "0x"))).toEqual({
      type: "Deposit",
      from: ALICE,
      token: 3,
      amount: 12345n,
      to: BOB,
    });
    expect(decodePriorityOp(6, queuedFullExit(42, BOB, 70_000), BOB)).toEqual({ type: "FullExit", accountId: 42, ethAddress: BOB, token: 70_000 });
  });

  it("rejects other op types, mismatched op codes, wrong sizes and non-queued fields", () => {
    const deposit = queuedDeposit({ token: 0, amount: 1n, to: BOB });
    const invalid = { code: "ETH_WATCH_INVALID_EVENT" };
    expect(() => decodePriorityOp(5, deposit, ALICE)).toThrow(EthWatchError);
    expect(() => decodePriorityOp(6, deposit, ALICE)).toThrow(expect.objectContaining(invalid));
    expect(() => decodePriorityOp(1, new Uint8Array(61).fill(1), ALICE)).toThrow(expect.objectContaining(invalid));
    expect(() => decodePriorityOp(1, new Uint8Array(0), ALICE)).toThrow(expect.objectContaining(invalid));
    const withAccount = deposit.slice();
    withAccount[4] = 9;
    expect(() => decodePriorityOp(1, withAccount, ALICE)).toThrow(/account id 9/);
    const withAmount = queuedFullExit(1, BOB, 0);
    withAmount[40] = 1;
    expect(() => decodePriorityOp(6, withAmount, BOB)).toThrow(/non-zero amount/);
  });
});

describe("decodeLogs", () => {
  it("sorts by block and log index, filters by contract and topic, skips removed logs", () => {
    const depositLog = priorityLog(1n, 1, queuedDeposit({ token: 0, amount: 5n, to: BOB }), 11, 0);
    const exitLog = priorityLog(0n, 6, queuedFullExit(3, ALICE, 0), 10, 4);
    const token = governanceEventsInterface.encodeEventLog("NewToken", [BOB, 9]);
    const factory = governanceEventsInterface.encodeEventLog("NFTFactoryRegisteredCreator", [77, ALICE, BOB]);
    const foreign = priorityLog(7n, 1, queuedDeposit({ token: 0, amount: 5n, to: BOB }), 10, 1);
    const decoded = decodeLogs(
      [
        depositLog,
        log({ address: GOVERNANCE, ...factory, blockNumber: 11, index: 3 }),
        exitLog,
        log({ address: GOVERNANCE, ...token, blockNumber: 10, index: 0 }),
        log({ ...foreign.toJSON(), address: BOB }),
        log({ ...depositLog.toJSON(), removed: true, index: 9 }),
      ],
      ROLLUP,
      GOVERNANCE.toUpperCase().replace("0X", "0x"),
    );
    expect(decoded.priorityOps.map((op) => [op.serialId, op.op.type, op.l1BlockNumber, op.logIndex, op.expirationBlock])).toEqual([
      [0n, "FullExit", 10, 4, 10 + 80_640],
      [1n, "Deposit", 11, 0, 11 + 80_640],
    ]);
    expect(decoded.tokens).toEqual([expect.objectContaining({ tokenId: 9, address: BOB, l1BlockNumber: 10, logIndex: 0 })]);
    expect(decoded.nftFactories).toEqual([expect.objectContaining({ creatorAccountId: 77, creatorAddress: ALICE, factoryAddress: BOB })]);
  });

  it("decodes on-chain ChangePubKey authorizations and their reset requests in L1 order", () => {
    const pubKeyHash = `0x${"5a".repeat(20)}`;
    const fact = rollupEventsInterface.encodeEventLog("FactAuth", [ALICE, 3, pubKeyHash]);
    const reset = rollupEventsInterface.encodeEventLog("FactAuthResetRequested", [ALICE, 3, 1_000_000]);
    const decoded = decodeLogs([log({ address: ROLLUP, ...reset, blockNumber: 12, index: 0 }), log({ address: ROLLUP, ...fact, blockNumber: 11, index: 2 })], ROLLUP, GOVERNANCE);
    expect(decoded.authFacts).toEqual([
      expect.objectContaining({ kind: "fact", owner: ALICE, nonce: 3, pubKeyHash: `sync:${"5a".repeat(20)}`, l1BlockNumber: 11, logIndex: 2 }),
      expect.objectContaining({ kind: "reset", owner: ALICE, nonce: 3, l1BlockNumber: 12 }),
    ]);
    const short = rollupEventsInterface.encodeEventLog("FactAuth", [ALICE, 3, "0x1234"]);
    expect(() => decodeLogs([log({ address: ROLLUP, ...short, blockNumber: 11, index: 0 })], ROLLUP, GOVERNANCE)).toThrow(/20-byte PubKeyHash/);
  });

  it("names the log of a malformed event", () => {
    const bad = priorityLog(0n, 2, new Uint8Array([2, 0, 0]), 10, 6);
    expect(() => decodeLogs([bad], ROLLUP, GOVERNANCE)).toThrow(/log 6 of block 10/);
  });
});

