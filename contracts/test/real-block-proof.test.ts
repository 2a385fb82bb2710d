// The real block circuit of @zklite/circuits through the L1 contracts: a block with one Transfer is executed on
// @zklite/state, proven with the circuit's INSECURE development keys, and committed, proven and executed on the
// rollup whose verifier adapter maps its size (2 chunks) to the circuit's exported Solidity verifier.
import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { getBytes, hexlify, toBeHex } from "ethers";
import { ethers } from "hardhat";

import type { BlockCircuitParameters, BlockWitness, Groth16Result } from "@zklite/circuits";
import type { Operation, Transfer, Tx } from "@zklite/protocol";
import { deployZkLite } from "../lib/deploy";
import { VerifierAdapter__factory, ZkLite__factory, type VerifierAdapter, type ZkLite } from "../typechain-types";
import { compileGroth16Verifier } from "../tools/compile-verifier";
import { buildBlock, randomStateRoot, storedBlockHash, type BuiltBlock, type StoredBlock } from "./helpers/blocks";
import { EXIT_KEY, testExitCircuit } from "./helpers/fixture";
import { loadProtocol } from "./helpers/protocol";

/** The smallest real block circuit: one pair of chunks, a 16-account tree, one fee slot. */
const PROVEN: BlockCircuitParameters = { chunks: 2, accountDepth: 4, balanceDepth: 32, feeSlots: 1, extendedLanes: 1 };
/** The block that prepares the state (deposits, a ChangePubKey) is executed on @zklite/state, not proven. */
const SETUP_CHUNKS = 32;
const FEE_ACCOUNT_ID = 0;
const FEE_ACCOUNT_ADDRESS = `0x${"fe".repeat(20)}`;
const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };
/**
 * Compiling the circuit (≈ 40 s) and its INSECURE dev keys (≈ 12 s with @zklite/prover's generator; many minutes
 * with ZKLITE_DEV_KEYS=snarkjs) the first time, cached per machine after that: only the hook that builds them gets
 * this long.
 */
const COLD_PREPARATION_TIMEOUT_MS = 45 * 60_000;
/** With compiled circuit and keys cached: witness and Groth16 proof, about a minute on 2 loaded cores. */
const WARM_PREPARATION_TIMEOUT_MS = 5 * 60_000;

type Circuits = typeof import("@zklite/circuits");
type State = typeof import("@zklite/state");
type Crypto = typeof import("@zklite/crypto-wasm");

interface ProvenBlock {
  readonly witness: BlockWitness;
  readonly result: Groth16Result;
  /** The same block as @zklite/state seals it (the oracle for the witness' roots and pubdata). */
  readonly sealed: { oldStateRoot: bigint; newStateRoot: bigint; publicData: Uint8Array; commitment: Uint8Array };
  /** The Transfer as the state executed it (what the pubdata encodes). */
  readonly operation: Operation;
  readonly timestamp: number;
  readonly verifierSolidityPath: string;
}

interface Rollup {
  readonly zkLite: ZkLite;
  readonly verifier: VerifierAdapter;
  readonly validator: HardhatEthersSigner;
  readonly genesis: StoredBlock;
}

let proven: ProvenBlock | undefined;

function provenBlock(): ProvenBlock {
  if (!proven) throw new Error("the block was not proven");
  return proven;
}

/** A zkSync key from a seed, and a signer producing the TxSignature of @zklite/protocol's serialization. */
function zkSyncKey(crypto: Crypto, protocol: Awaited<ReturnType<typeof loadProtocol>>, seed: Uint8Array) {
  const privateKey = crypto.privateKeyFromSeed(seed);
  const pubKeyHash = `sync:${protocol.toHex(crypto.privateKeyToPubKeyHash(privateKey)).slice(2)}`;
  const sign = <T extends Tx>(tx: T): T => {
    const signed = crypto.signMusig(privateKey, protocol.serializeTx(tx, crypto.rescueHashOrders));
    return { ...tx, signature: { pubKey: protocol.toHex(signed.subarray(0, 32)).slice(2), signature: protocol.toHex(signed.subarray(32)).slice(2) } };
  };
  return { pubKeyHash, sign };
}

/**
 * Alice (account 1) and Bob (account 2) get ETH by deposit; Alice sets her zkSync key (Onchain auth, a fact
 * given to the state only: L1 is not involved since this block is never committed). The proven block is then one signed
 * Transfer from Alice to Bob with a fee, timestamped at the L1 clock so that commitBlocks accepts it.
 */
async function proveTransferBlock(aliceAddress: string, bobAddress: string): Promise<ProvenBlock> {
  const [alice, bob] = [aliceAddress.toLowerCase(), bobAddress.toLowerCase()];
  const [circuits, state, crypto, protocol] = await Promise.all([
    import("@zklite/circuits") as Promise<Circuits>,
    import("@zklite/state") as Promise<State>,
    import("@zklite/crypto-wasm") as Promise<Crypto>,
    loadProtocol(),
  ]);
  await Promise.all([crypto.init(), state.initPoseidon()]);
  const circuit = await circuits.compileBlockCircuit(PROVEN);
  const keys = await circuits.ensureDevKeys(circuit);

  // the setup block is never committed: its Onchain authorization is a fact of this test's executor only
  const authFacts = new state.OnchainAuthFactStore();
  const rollup = state.RollupState.genesis({
    accountTreeDepth: PROVEN.accountDepth,
    balanceTreeDepth: PROVEN.balanceDepth,
    feeAccountAddress: FEE_ACCOUNT_ADDRESS,
    onchainAuthFacts: authFacts,
  });
  const aliceKey = zkSyncKey(crypto, protocol, Uint8Array.from({ length: 32 }, (_, i) => i + 1));
  const timestamp = await time.latest();
  const setup = rollup.openBlock({ blockNumber: 1, feeAccountId: FEE_ACCOUNT_ID, timestamp, blockChunkSizes: [SETUP_CHUNKS] });
  setup.applyPriorityOp({ type: "Deposit", from: alice, to: alice, token: 0, amount: 10n ** 18n });
  setup.applyPriorityOp({ type: "Deposit", from: bob, to: bob, token: 0, amount: 5n * 10n ** 17n });
  const aliceId = rollup.tree.accountIdByAddress(alice);
  const bobId = rollup.tree.accountIdByAddress(bob);
  if (aliceId === undefined || bobId === undefined) throw new Error("the deposits created no accounts");
  authFacts.recordFact(alice, 0, aliceKey.pubKeyHash);
  setup.applyTx(
    aliceKey.sign({
      type: "ChangePubKey",
      accountId: aliceId,
      account: alice,
      newPkHash: aliceKey.pubKeyHash,
      feeToken: 0,
      fee: 0n,
      nonce: 0,
      ...ALWAYS,
      ethAuthData: { type: "Onchain" },
    }),
  );
  setup.seal();

  const transfer = aliceKey.sign<Transfer>({
    type: "Transfer",
    accountId: aliceId,
    from: alice,
    to: bob,
    token: 0,
    amount: 123_456_789n,
    fee: 1_000n,
    nonce: 1,
    ...ALWAYS,
  });
  // the L1 rollup is deployed with the prepared state as its genesis (block 0), so the proven block is L1 block 1
  const parameters = { blockNumber: 1, feeAccountId: FEE_ACCOUNT_ID, timestamp, blockChunkSizes: [PROVEN.chunks], maxFeeTokens: PROVEN.feeSlots, maxExtendedTouches: PROVEN.extendedLanes };
  const draft = rollup.openBlock(parameters);
  const op = draft.applyTx(transfer);
  draft.abandon();
  const witness = circuits.buildBlockWitness(
    rollup.tree,
    { blockNumber: parameters.blockNumber, feeAccountId: FEE_ACCOUNT_ID, timestamp, operations: [{ op, tx: transfer }] },
    PROVEN,
  );
  const block = rollup.openBlock(parameters);
  block.applyTx(transfer);
  const sealed = block.seal();
  const result = await circuits.proveGroth16(circuit.wasmPath, keys.zkeyPath, witness.input);
  return { witness, result, sealed, operation: op, timestamp, verifierSolidityPath: keys.verifierSolidityPath };
}

/** The rollup with the 2-chunk size verified by the real circuit's verifier, starting at the proven block's old root. */
async function deployRollup(): Promise<Rollup> {
  const [governor, validator] = await ethers.getSigners();
  if (!governor || !validator) throw new Error("hardhat network has too few accounts");
  const { witness, verifierSolidityPath } = provenBlock();
  const exitKey = testExitCircuit().keys[EXIT_KEY];
  if (!exitKey) throw new Error(`no dev key ${EXIT_KEY}`);
  const deployment = await deployZkLite(governor, {
    genesisStateRoot: toBeHex(witness.oldRoot, 32),
    validators: [validator.address],
    blockVerifiers: [{ chunks: PROVEN.chunks, verifier: compileGroth16Verifier(verifierSolidityPath) }],
    exitVerifier: compileGroth16Verifier(exitKey.verifierSolidityPath),
    nftFactory: { name: "zkLite NFT", symbol: "ZKLNFT" },
  });
  const g = deployment.genesis.storedBlockInfo;
  return {
    zkLite: ZkLite__factory.connect(deployment.contracts.zkLite, governor),
    verifier: VerifierAdapter__factory.connect(deployment.contracts.verifier, governor),
    validator,
    genesis: {
      blockNumber: g.blockNumber,
      priorityOperations: BigInt(g.priorityOperations),
      pendingOnchainOperationsHash: g.pendingOnchainOperationsHash,
      timestamp: BigInt(g.timestamp),
      stateHash: g.stateHash,
      commitment: g.commitment,
    },
  };
}

/** The proven block as commitBlocks takes it, encoded by @zklite/protocol from the state's operation (helpers/blocks.ts). */
async function transferBlock(rollup: Rollup, newStateRoot = toBeHex(provenBlock().witness.newRoot, 32)): Promise<BuiltBlock> {
  const { witness, operation, timestamp } = provenBlock();
  const block = await buildBlock(rollup.genesis, [operation], {
    chunks: PROVEN.chunks,
    timestamp: BigInt(timestamp),
    feeAccount: FEE_ACCOUNT_ID,
    newStateRoot,
  });
  expect(block.info.publicData).to.equal(hexlify(witness.publicData));
  return block;
}

async function commitBlock(rollup: Rollup, block: BuiltBlock): Promise<void> {
  await (await rollup.zkLite.connect(rollup.validator).commitBlocks(rollup.genesis, [block.info])).wait();
}

const proofOf = (solidityProof: readonly bigint[]): ZkLite.BlockProofStruct => ({
  chunks: PROVEN.chunks,
  proof: [...solidityProof] as ZkLite.BlockProofStruct["proof"],
});

describe("a real block circuit proof through the L1 contracts", function () {
  before(async function () {
    // one-time work, cached per machine: instant once done
    this.timeout(COLD_PREPARATION_TIMEOUT_MS);
    const circuits = (await import("@zklite/circuits")) as Circuits;
    await circuits.ensureDevKeys(await circuits.compileBlockCircuit(PROVEN));
  });

  before(async function () {
    // what runs every time (the state, the witness, the proof) must not hang for long
    this.timeout(WARM_PREPARATION_TIMEOUT_MS);
    const [, , alice, bob] = await ethers.getSigners();
    if (!alice || !bob) throw new Error("hardhat network has too few accounts");
    proven = await proveTransferBlock(alice.address, bob.address);
  });

  it("proves the Transfer block that @zklite/state executes, with the SDK commitment as its only public input", async () => {
    const { witness, result, sealed } = provenBlock();
    const protocol = await loadProtocol();
    expect(witness.oldRoot).to.equal(sealed.oldStateRoot);
    expect(witness.newRoot).to.equal(sealed.newStateRoot);
    expect(witness.newRoot).to.not.equal(witness.oldRoot);
    expect(hexlify(witness.publicData)).to.equal(hexlify(sealed.publicData));
    expect(witness.publicData.length).to.equal(PROVEN.chunks * protocol.CHUNK_BYTES);
    expect(protocol.decodeBlockOperations(witness.publicData).map(({ op }) => op.type)).to.deep.equal(["Transfer"]);
    expect(witness.publicInput).to.equal(protocol.maskCommitment(sealed.commitment));
    expect(result.publicSignals).to.deep.equal([witness.publicInput]);
  });

  it("commits, proves and executes the block; the contract's commitment masks to the circuit's public input", async () => {
    const rollup = await loadFixture(deployRollup);
    const { witness, result } = provenBlock();
    const protocol = await loadProtocol();
    expect(await rollup.zkLite.storedBlockHashes(0)).to.equal(await storedBlockHash(rollup.genesis));
    expect(rollup.genesis.stateHash).to.equal(toBeHex(witness.oldRoot, 32));
    expect(await rollup.verifier.getSupportedBlockChunks()).to.deep.equal([BigInt(PROVEN.chunks)]);

    const block = await transferBlock(rollup);
    await commitBlock(rollup, block);
    // the contract stores keccak(StoredBlockInfo) only: equal to the SDK's hash, it holds the SDK's commitment
    expect(await rollup.zkLite.storedBlockHashes(1)).to.equal(await storedBlockHash(block.stored));
    expect(protocol.maskCommitment(getBytes(block.stored.commitment))).to.equal(witness.publicInput);
    expect(await rollup.verifier.verifyBlockProof(PROVEN.chunks, block.stored.commitment, [...result.solidityProof])).to.equal(true);

    await expect(rollup.zkLite.proveBlocks([block.stored], [proofOf(result.solidityProof)])).to.not.be.reverted;
    expect(await rollup.zkLite.totalBlocksProven()).to.equal(1n);
    await expect(
      rollup.zkLite.connect(rollup.validator).executeBlocks([{ storedBlock: block.stored, pendingOnchainOpsPubdata: block.pendingOnchainOpsPubdata }]),
    )
      .to.emit(rollup.zkLite, "BlockVerification")
      .withArgs(1);
    expect(block.pendingOnchainOpsPubdata).to.deep.equal([]);
    expect(await rollup.zkLite.totalBlocksExecuted()).to.equal(1n);
  });

  it("rejects the proof for the same block committed with another new state root", async () => {
    const rollup = await loadFixture(deployRollup);
    const { result } = provenBlock();
    const forged = await transferBlock(rollup, randomStateRoot());
    await commitBlock(rollup, forged);
    await expect(rollup.zkLite.proveBlocks([forged.stored], [proofOf(result.solidityProof)]))
      .to.be.revertedWithCustomError(rollup.zkLite, "InvalidProof")
      .withArgs(1);
    expect(await rollup.zkLite.totalBlocksProven()).to.equal(0n);

    // once the forged block is reverted, the honest one goes through with the same proof
    await (await rollup.zkLite.connect(rollup.validator).revertBlocks([forged.stored])).wait();
    const honest = await transferBlock(rollup);
    await commitBlock(rollup, honest);
    await rollup.zkLite.proveBlocks([honest.stored], [proofOf(result.solidityProof)]);
    expect(await rollup.zkLite.totalBlocksProven()).to.equal(1n);
  });

  it("rejects a tampered proof and a proof sent for an unsupported block size", async () => {
    const rollup = await loadFixture(deployRollup);
    const { result } = provenBlock();
    const block = await transferBlock(rollup);
    await commitBlock(rollup, block);
    const [a0, a1, b00, b01, b10, b11, c0, c1] = result.solidityProof as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    // C negated: still a curve point, so the pairing check itself fails
    const P = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
    const negatedC = proofOf([a0, a1, b00, b01, b10, b11, c0, P - c1]);
    await expect(rollup.zkLite.proveBlocks([block.stored], [negatedC]))
      .to.be.revertedWithCustomError(rollup.zkLite, "InvalidProof")
      .withArgs(1);
    const swappedB = proofOf([a0, a1, b01, b00, b10, b11, c0, c1]);
    await expect(rollup.zkLite.proveBlocks([block.stored], [swappedB]))
      .to.be.revertedWithCustomError(rollup.zkLite, "InvalidProof")
      .withArgs(1);
    await expect(rollup.zkLite.proveBlocks([block.stored], [{ ...proofOf(result.solidityProof), chunks: 10 }]))
      .to.be.revertedWithCustomError(rollup.verifier, "UnsupportedBlockSize")
      .withArgs(10);
    expect(await rollup.zkLite.totalBlocksProven()).to.equal(0n);
  });
});
