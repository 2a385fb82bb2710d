import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MIN_NFT_TOKEN_ID, NFT_TOKEN_ID, type Tx } from "@zklite/protocol";
import { FIELD_MODULUS, OnchainAuthFactStore, RollupState, SKIP_SIGNATURE_CHECKS, hex160ToBigInt, nftContentDigest, rescueNftTokenHash, type NftInfo } from "@zklite/state";
import type { CompiledCircuit } from "../circom-compiler.js";
import { CIRCOM_SOURCE_DIR } from "../package-paths.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";
import { compileExitCircuit } from "./exit-circuit.js";
import { exitFieldPublicInputs, exitSha256PublicInput } from "./exit-statement.js";
import { buildExitWitness } from "./exit-witness.js";

// NFT ids (≥ 2^16) and the NFT counters (token 2^31 − 2) need the 32-bit balance tree.
const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 32 };
const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };

/** A sealed state (signatures not checked) with funded accounts, minted NFTs, and some NFTs moved on. */
function randomNftState(accounts: number, mints: number, moves: number): RollupState {
  const authFacts = new OnchainAuthFactStore();
  const state = RollupState.genesis({ ...DEPTHS, feeAccountAddress: randomAddress(), signatureChecker: SKIP_SIGNATURE_CHECKS, onchainAuthFacts: authFacts });
  const block = state.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1_700_000_000, blockChunkSizes: [654] });
  const ids: number[] = [];
  for (let i = 0; i < accounts; i++) {
    const address = randomAddress();
    block.applyPriorityOp({ type: "Deposit", from: address, to: address, token: randomInt(3), amount: BigInt(randomInt(1, 1_000_000)) });
    const id = state.accountByAddress(address)!.id;
    const newPkHash = `sync:${randomBytes(20).toString("hex")}`;
    authFacts.recordFact(address, 0, newPkHash);
    block.applyTx({ type: "ChangePubKey", accountId: id, account: address, newPkHash, feeToken: 0, fee: 0n, nonce: 0, ...ALWAYS, ethAuthData: { type: "Onchain" } });
    ids.push(id);
  }
  const pick = (): number => ids[randomInt(ids.length)]!;
  for (let i = 0; i < mints; i++) {
    const creator = state.account(pick())!;
    const recipient = state.account(pick())!;
    const contentHash = `0x${randomBytes(32).toString("hex")}`;
    block.applyTx({ type: "MintNFT", creatorId: creator.id, creatorAddress: creator.address, contentHash, recipient: recipient.address, fee: 0n, feeToken: 0, nonce: creator.nonce });
  }
  for (let i = 0; i < moves; i++) {
    const tokenId = MIN_NFT_TOKEN_ID + randomInt(mints);
    const from = state.account(holderOf(state, tokenId))!;
    const to = state.account(pick())!;
    const transfer: Tx = { type: "Transfer", accountId: from.id, from: from.address, to: to.address, token: tokenId, amount: 1n, fee: 0n, nonce: from.nonce, ...ALWAYS };
    block.applyTx(transfer);
  }
  block.seal();
  return state;
}

function randomAddress(): string {
  return `0x${randomBytes(20).toString("hex")}`;
}

function holderOf(state: RollupState, tokenId: number): number {
  const holder = [...state.tree.accountIds()].find((id) => state.balance(id, tokenId) === 1n);
  if (holder === undefined) throw new Error(`nobody holds NFT ${tokenId}`);
  return holder;
}

function mintedNfts(state: RollupState): NftInfo[] {
  const nfts: NftInfo[] = [];
  for (let tokenId = MIN_NFT_TOKEN_ID; state.nft(tokenId) !== undefined; tokenId++) nfts.push(state.nft(tokenId)!);
  return nfts;
}

/** The creator-side witness of account `id` (its real leaf and path): valid under the root for any id. */
function creatorWitness(state: RollupState, id: number): CircuitInput {
  const proof = state.tree.accountProof(id);
  return {
    nftCreatorAccountId: BigInt(id),
    nftCreatorAddress: hex160ToBigInt(proof.address),
    nftCreatorNonce: BigInt(proof.nonce),
    nftCreatorPubKeyHash: hex160ToBigInt(proof.pubKeyHash),
    nftCreatorProcessableRoot: proof.processableRoot,
    nftCreatorExtendedRoot: proof.extendedRoot,
    nftCreatorAccountSiblings: proof.accountPath.siblings.map((level) => [...level]),
  };
}

/** The account-side witness of account `id`'s balance of `tokenId`, with its true balance. */
function holderWitness(state: RollupState, id: number, tokenId: number): CircuitInput {
  const proof = state.tree.balanceProof(id, tokenId);
  return {
    accountId: BigInt(id),
    owner: hex160ToBigInt(proof.address),
    tokenId: BigInt(tokenId),
    amount: proof.balance,
    nonce: BigInt(proof.nonce),
    pubKeyHash: hex160ToBigInt(proof.pubKeyHash),
    accountSiblings: proof.accountPath.siblings.map((level) => [...level]),
    balanceSiblings: proof.balancePath.siblings.map((level) => [...level]),
    otherBalanceRoot: proof.processableRoot, // NFT ids are in the extended tree
  };
}

function tamperSibling(input: CircuitInput, key: string): CircuitInput {
  const siblings = (input[key] as readonly (readonly bigint[])[]).map((level) => [...level]);
  const level = randomInt(siblings.length);
  const slot = randomInt(3);
  siblings[level]![slot] = (siblings[level]![slot]! + 1n) % FIELD_MODULUS;
  return { ...input, [key]: siblings };
}

/**
 * Expects the witness calculation to fail at a line of exit_core.circom containing `rule`: the test shows
 * which rule rejected the input, not merely that something did.
 */
async function expectRejectedBy(wasmPath: string, input: CircuitInput, rule: string, what: string): Promise<void> {
  let message: string | undefined;
  try {
    await calculateWitness(wasmPath, input);
  } catch (error) {
    expect(error, what).toEqual(expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" }));
    message = (error as Error).message;
  }
  if (message === undefined) throw new Error(`${what}: the circuit accepted the input`);
  const frame = [...message.matchAll(/Error in template (\w+?)_\d+ line: (\d+)/g)].find((match) => ["ExitCore", "ExitNftOrigin"].includes(match[1]!));
  if (frame === undefined) throw new Error(`${what}: no failing line of exit_core.circom in: ${message}`);
  const line = EXIT_CORE_LINES[Number(frame[2]) - 1] ?? "";
  expect(line, `${what}: rejected at exit_core.circom:${frame[2]}`).toContain(rule);
}

const EXIT_CORE_LINES = readFileSync(path.join(CIRCOM_SOURCE_DIR, "lib/exit_core.circom"), "utf8").split("\n");
const STORAGE_RULE = "enabled * (storageRoot - root) === 0";
const CREATOR_RULE = "enabled * (creatorRoot - root) === 0";
const ACCOUNT_RULE = "accountRoot.root === root";

describe("NFT exits, field-input form (4/32)", () => {
  let circuit: CompiledCircuit;
  let state: RollupState;
  let nfts: NftInfo[];
  beforeAll(async () => {
    circuit = await compileExitCircuit("field-inputs", DEPTHS);
    state = randomNftState(6, 8, 4);
    nfts = mintedNfts(state);
  });

  it("accepts every minted NFT's exit by its holder; the public inputs are the statement, the NFT fields the registry's", async () => {
    expect(nfts).toHaveLength(8);
    for (const nft of nfts) {
      const holder = holderOf(state, nft.tokenId);
      const { statement, input } = buildExitWitness(state.tree, holder, nft.tokenId, nft);
      expect(statement).toMatchObject({
        root: state.root,
        accountId: holder,
        owner: state.account(holder)!.address,
        tokenId: nft.tokenId,
        amount: 1n,
        nftCreatorAccountId: nft.creatorId,
        nftCreatorAddress: state.account(nft.creatorId)!.address,
        nftSerialId: nft.serialId,
        nftContentHash: nft.contentHash,
      });
      const witness = await calculateWitness(circuit.wasmPath, input);
      expect(witness.slice(1, 11)).toEqual(exitFieldPublicInputs(statement));
    }
  });

  it("rejects a forged NFT origin, path or amount, at the rule that catches it", async () => {
    const [nft, other] = [nfts[0]!, nfts[1]!];
    const holder = holderOf(state, nft.tokenId);
    const { input } = buildExitWitness(state.tree, holder, nft.tokenId, nft);
    const otherCreator = [...state.tree.accountIds()].find((id) => id !== nft.creatorId && id !== state.nftStorageAccountId)!;
    const otherContent = BigInt(other.contentHash);
    const cases: [string, CircuitInput, string][] = [
      ["creator id + 1", { ...input, nftCreatorAccountId: (input.nftCreatorAccountId as bigint) + 1n }, STORAGE_RULE],
      ["another account as creator, with its own valid path", { ...input, ...creatorWitness(state, otherCreator) }, STORAGE_RULE],
      ["wrong creator address", { ...input, nftCreatorAddress: (input.nftCreatorAddress as bigint) ^ 1n }, CREATOR_RULE],
      ["wrong creator nonce", { ...input, nftCreatorNonce: (input.nftCreatorNonce as bigint) + 1n }, CREATOR_RULE],
      ["wrong creator path sibling", tamperSibling(input, "nftCreatorAccountSiblings"), CREATOR_RULE],
      ["wrong serial id", { ...input, nftSerialId: (input.nftSerialId as bigint) ^ 1n }, STORAGE_RULE],
      ["wrong content hash, high half", { ...input, nftContentHashHigh: (input.nftContentHashHigh as bigint) ^ (1n << 100n) }, STORAGE_RULE],
      ["wrong content hash, low half", { ...input, nftContentHashLow: (input.nftContentHashLow as bigint) ^ 1n }, STORAGE_RULE],
      ["content hash low half ≥ 2^128", { ...input, nftContentHashLow: (input.nftContentHashLow as bigint) + (1n << 128n) }, "Num2Bits(128)(contentHashLow)"],
      [
        "another NFT's origin (creator, serial, content)",
        {
          ...input,
          ...creatorWitness(state, other.creatorId),
          nftSerialId: BigInt(other.serialId),
          nftContentHashHigh: otherContent >> 128n,
          nftContentHashLow: otherContent & ((1n << 128n) - 1n),
        },
        STORAGE_RULE,
      ],
      ["wrong storage balance path sibling", tamperSibling(input, "nftStorageBalanceSiblings"), STORAGE_RULE],
      ["wrong storage account path sibling", tamperSibling(input, "nftStorageAccountSiblings"), STORAGE_RULE],
      ["wrong storage account address", { ...input, nftStorageAddress: (input.nftStorageAddress as bigint) ^ 1n }, STORAGE_RULE],
      ["wrong storage processable root", { ...input, nftStorageProcessableRoot: (input.nftStorageProcessableRoot as bigint) + 1n }, STORAGE_RULE],
      ["wrong creator extended root", { ...input, nftCreatorExtendedRoot: (input.nftCreatorExtendedRoot as bigint) + 1n }, CREATOR_RULE],
      ["amount 0 for an NFT the account holds", { ...input, amount: 0n }, "(1 - isFungible) * (amount - 1) === 0"],
      ["amount 2", { ...input, amount: 2n }, "(1 - isFungible) * (amount - 1) === 0"],
      ["NFT fields all zero (a fungible-style exit of an NFT id)", { ...input, nftCreatorAccountId: 0n, nftCreatorAddress: 0n, nftSerialId: 0n, nftContentHashHigh: 0n, nftContentHashLow: 0n }, STORAGE_RULE],
    ];
    for (const [what, tampered, rule] of cases) await expectRejectedBy(circuit.wasmPath, tampered, rule, what);
  });

  it("rejects an NFT exit by an account that does not hold it, with amount 1 or its true amount 0", async () => {
    const nft = nfts[randomInt(nfts.length)]!;
    const holder = holderOf(state, nft.tokenId);
    const { input } = buildExitWitness(state.tree, holder, nft.tokenId, nft);
    const nonHolder = [...state.tree.accountIds()].find((id) => id !== holder && id !== state.nftStorageAccountId)!;
    const honest = { ...input, ...holderWitness(state, nonHolder, nft.tokenId) };
    expect(honest.amount).toBe(0n);
    await expectRejectedBy(circuit.wasmPath, honest, "(1 - isFungible) * (amount - 1) === 0", "true amount 0");
    await expectRejectedBy(circuit.wasmPath, { ...honest, amount: 1n }, ACCOUNT_RULE, "claimed amount 1");
  });

  it("rejects the NFT counters' token (2^31 − 2) even with the creator's valid balance path", async () => {
    const nft = nfts[0]!;
    const { input } = buildExitWitness(state.tree, nft.creatorId, 0);
    const counter = { ...input, ...holderWitness(state, nft.creatorId, NFT_TOKEN_ID) };
    expect(counter.amount).toBeGreaterThan(0n);
    await expectRejectedBy(circuit.wasmPath, counter, "BoundedBits(balanceDepth, maxTokenId)(tokenId)", "NFT counter token");
  });

  it("rejects a fungible exit carrying non-zero NFT fields, even a real NFT's valid origin", async () => {
    const fungibleTokenOf = (id: number): number | undefined => [...state.tree.balances(id).keys()].find((token) => token < MIN_NFT_TOKEN_ID);
    const holder = [...state.tree.accountIds()].find((id) => id !== state.nftStorageAccountId && fungibleTokenOf(id) !== undefined)!;
    const token = fungibleTokenOf(holder)!;
    const fungible = buildExitWitness(state.tree, holder, token).input;
    const nft = nfts[randomInt(nfts.length)]!;
    const nftOrigin = buildExitWitness(state.tree, holderOf(state, nft.tokenId), nft.tokenId, nft).input;
    const originKeys = Object.keys(nftOrigin).filter((key) => key.startsWith("nft"));
    const withOrigin = { ...fungible, ...Object.fromEntries(originKeys.map((key) => [key, nftOrigin[key]!])) };
    await expectRejectedBy(circuit.wasmPath, withOrigin, "isFungible * nftCreatorAccountId === 0", "a real NFT's origin");
    const single: [string, string][] = [
      ["nftCreatorAccountId", "isFungible * nftCreatorAccountId === 0"],
      ["nftCreatorAddress", "isFungible * nftCreatorAddress === 0"],
      ["nftSerialId", "isFungible * nftSerialId === 0"],
      ["nftContentHashHigh", "isFungible * nftContentHashHigh === 0"],
      ["nftContentHashLow", "isFungible * nftContentHashLow === 0"],
    ];
    for (const [field, rule] of single) {
      await expectRejectedBy(circuit.wasmPath, { ...fungible, [field]: BigInt(randomInt(1, 2 ** 31)) }, rule, `non-zero ${field}`);
    }
  });

  it("builds nothing from bad NFT input", () => {
    const [nft, other] = [nfts[0]!, nfts[1]!];
    const holder = holderOf(state, nft.tokenId);
    const nonHolder = [...state.tree.accountIds()].find((id) => id !== holder && id !== state.nftStorageAccountId)!;
    const refused = (code: string, build: () => unknown): void => {
      expect(build).toThrow(expect.objectContaining({ name: "ZkLiteError", code }));
    };
    refused("NFT_INFO_REQUIRED", () => buildExitWitness(state.tree, holder, nft.tokenId));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, other));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, tokenId: other.tokenId }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, creatorId: (nft.creatorId + 1) % 15 }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, creatorAddress: randomAddress() }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, serialId: nft.serialId + 1 }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, contentHash: `0x${randomBytes(32).toString("hex")}` }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, nft.tokenId, { ...nft, contentHash: "0x1234" }));
    refused("NFT_INFO_MISMATCH", () => buildExitWitness(state.tree, holder, 0, nft));
    refused("NFT_NOT_HELD", () => buildExitWitness(state.tree, nonHolder, nft.tokenId, nft));
    refused("UNSUPPORTED_EXIT_TOKEN", () => buildExitWitness(state.tree, holder, NFT_TOKEN_ID));
    refused("UNSUPPORTED_EXIT_TOKEN", () => buildExitWitness(state.tree, holder, 2 ** 31));
    refused("UNSUPPORTED_EXIT_TOKEN", () => buildExitWitness(state.tree, holder, 1.5));
    refused("BAD_EXIT_ACCOUNT", () => buildExitWitness(state.tree, state.nftStorageAccountId, nft.tokenId, nft));
  });
});

describe("NFT exit, fixed state", () => {
  it("proves NFT 65536 minted by account 1 for account 2 with a known content hash", async () => {
    const circuit = await compileExitCircuit("field-inputs", DEPTHS);
    const authFacts = new OnchainAuthFactStore();
    const state = RollupState.genesis({ ...DEPTHS, feeAccountAddress: `0x${"fe".repeat(20)}`, signatureChecker: SKIP_SIGNATURE_CHECKS, onchainAuthFacts: authFacts });
    const block = state.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1_700_000_000, blockChunkSizes: [654] });
    for (const n of [1, 2]) {
      const address = `0x${String(n).repeat(40)}`;
      authFacts.recordFact(address, 0, `sync:${String(n + 2).repeat(40)}`);
      block.applyPriorityOp({ type: "Deposit", from: address, to: address, token: 0, amount: 1000n });
      block.applyTx({ type: "ChangePubKey", accountId: n, account: address, newPkHash: `sync:${String(n + 2).repeat(40)}`, feeToken: 0, fee: 0n, nonce: 0, ...ALWAYS, ethAuthData: { type: "Onchain" } });
    }
    const contentHash = `0x${"ab".repeat(16)}${"cd".repeat(16)}`;
    block.applyTx({ type: "MintNFT", creatorId: 1, creatorAddress: `0x${"1".repeat(40)}`, contentHash, recipient: `0x${"2".repeat(40)}`, fee: 0n, feeToken: 0, nonce: 1 });
    block.seal();

    const nft = state.nft(65_536)!;
    expect(nft).toMatchObject({ creatorId: 1, serialId: 0, contentHash });
    expect(state.balance(state.nftStorageAccountId, 65_536)).toBe(nftContentDigest(rescueNftTokenHash(1, 0, contentHash)));
    const { statement, input } = buildExitWitness(state.tree, 2, 65_536, nft);
    const publicInputs = exitFieldPublicInputs(statement);
    expect(publicInputs.slice(1)).toEqual([
      2n,
      BigInt(`0x${"2".repeat(40)}`),
      65_536n,
      1n,
      1n,
      BigInt(`0x${"1".repeat(40)}`),
      0n,
      BigInt(`0x${"ab".repeat(16)}`),
      BigInt(`0x${"cd".repeat(16)}`),
    ]);
    const witness = await calculateWitness(circuit.wasmPath, input);
    expect(witness.slice(1, 11)).toEqual(publicInputs);
  });
});

describe("NFT exit, SHA-256 form (4/32)", () => {
  it("outputs sha256(statement) with the NFT fields, masked to 253 bits", async () => {
    const circuit = await compileExitCircuit("sha256", DEPTHS);
    const state = randomNftState(4, 3, 2);
    const nft = mintedNfts(state)[randomInt(3)]!;
    const { statement, input } = buildExitWitness(state.tree, holderOf(state, nft.tokenId), nft.tokenId, nft);
    const witness = await calculateWitness(circuit.wasmPath, input);
    expect(witness[1]).toBe(exitSha256PublicInput(statement));
    await expect(calculateWitness(circuit.wasmPath, { ...input, nftSerialId: (input.nftSerialId as bigint) + 1n })).rejects.toThrow(
      expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" }),
    );
  });
});
