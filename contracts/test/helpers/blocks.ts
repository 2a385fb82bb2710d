import { time } from "@nomicfoundation/hardhat-network-helpers";
import { getBytes, hexlify, randomBytes } from "ethers";

import type { Operation } from "@zklite/protocol";
import type { ZkLite } from "../../typechain-types";
import { proveEcho } from "../../tools/echo-prover";
import { BLOCK_KEYS, testCircuit, type System } from "./fixture";
import { loadProtocol } from "./protocol";

/** An operation of a block, with the ChangePubKey authorization the operator passes along when it has one. */
export type BlockOp = Operation | { readonly op: Operation; readonly ethWitness: Uint8Array };

/** StoredBlockInfo as the tests hold it (what the contract expects back in later calls). */
export interface StoredBlock {
  blockNumber: number;
  priorityOperations: bigint;
  pendingOnchainOperationsHash: string;
  timestamp: bigint;
  stateHash: string;
  commitment: string;
}

export interface BuiltBlock {
  readonly info: ZkLite.CommitBlockInfoStruct;
  /** What the contract must store, computed with @zklite/protocol. */
  readonly stored: StoredBlock;
  readonly chunks: number;
  readonly pendingOnchainOpsPubdata: string[];
}

export interface BlockOptions {
  readonly chunks: number;
  readonly timestamp?: bigint;
  readonly feeAccount?: number;
  readonly newStateRoot?: string;
}

export function randomStateRoot(): string {
  return hexlify(randomBytes(32).map((b, i) => (i === 0 ? b & 0x1f : b)));
}

export function genesisBlock(sys: System): StoredBlock {
  const g = sys.deployment.genesis.storedBlockInfo;
  return {
    blockNumber: g.blockNumber,
    priorityOperations: BigInt(g.priorityOperations),
    pendingOnchainOperationsHash: g.pendingOnchainOperationsHash,
    timestamp: BigInt(g.timestamp),
    stateHash: g.stateHash,
    commitment: g.commitment,
  };
}

/** Encodes the block with the SDK, and derives every value the contract must agree with. */
export async function buildBlock(previous: StoredBlock, ops: readonly BlockOp[], options: BlockOptions): Promise<BuiltBlock> {
  const p = await loadProtocol();
  const plain = ops.map((o) => ("op" in o ? o.op : o));
  const witnesses = new Map<number, Uint8Array>();
  let offset = 0;
  for (const o of ops) {
    const op = "op" in o ? o.op : o;
    if ("op" in o) witnesses.set(offset, o.ethWitness);
    offset += p.operationChunks(op.type) * p.CHUNK_BYTES;
  }
  const publicData = p.encodeBlockPubdata(plain, options.chunks);
  const timestamp = options.timestamp ?? BigInt(await time.latest());
  const feeAccount = options.feeAccount ?? 0;
  const newStateRoot = options.newStateRoot ?? randomStateRoot();
  const blockNumber = previous.blockNumber + 1;
  const commitment = p.blockCommitment({
    blockNumber,
    feeAccount,
    oldStateRoot: previous.stateHash,
    newStateRoot,
    timestamp,
    publicData,
  });
  const pendingOnchainOpsPubdata = p
    .decodeBlockOperations(publicData)
    .filter(({ op }) => p.isProcessableOperation(op.type))
    .map(({ op, offset: start }) => hexlify(publicData.subarray(start, start + p.operationChunks(op.type) * p.CHUNK_BYTES)));
  return {
    info: {
      newStateHash: newStateRoot,
      publicData: hexlify(publicData),
      timestamp,
      onchainOperations: p.onchainOperationOffsets(publicData).map((publicDataOffset) => ({
        ethWitness: hexlify(witnesses.get(publicDataOffset) ?? new Uint8Array()),
        publicDataOffset,
      })),
      blockNumber,
      feeAccount,
    },
    stored: {
      blockNumber,
      priorityOperations: BigInt(p.countPriorityOperations(publicData)),
      pendingOnchainOperationsHash: hexlify(p.pendingOnchainOperationsHash(publicData)),
      timestamp,
      stateHash: newStateRoot,
      commitment: hexlify(commitment),
    },
    chunks: options.chunks,
    pendingOnchainOpsPubdata,
  };
}

/** keccak256(abi.encode(StoredBlockInfo)) according to the SDK. */
export async function storedBlockHash(stored: StoredBlock): Promise<string> {
  const p = await loadProtocol();
  return hexlify(p.storedBlockInfoHash(stored));
}

/** A real Groth16 proof (dev echo circuit) of the block's masked commitment, for its size's verifier. */
export async function proveBlock(block: { stored: StoredBlock; chunks: number }): Promise<ZkLite.BlockProofStruct> {
  const p = await loadProtocol();
  const key = BLOCK_KEYS[block.chunks];
  if (!key) throw new Error(`no verifier key for ${block.chunks} chunks`);
  const [a0, a1, b00, b01, b10, b11, c0, c1] = await proveEcho(
    testCircuit(),
    key,
    p.maskCommitment(getBytes(block.stored.commitment)),
  );
  return { chunks: block.chunks, proof: [a0, a1, b00, b01, b10, b11, c0, c1] };
}

export async function commit(sys: System, previous: StoredBlock, blocks: readonly BuiltBlock[]): Promise<void> {
  await (await sys.zkLite.connect(sys.validator).commitBlocks(previous, blocks.map((b) => b.info))).wait();
}

export async function prove(sys: System, blocks: readonly BuiltBlock[]): Promise<void> {
  const proofs = [];
  for (const block of blocks) proofs.push(await proveBlock(block));
  await (await sys.zkLite.proveBlocks(blocks.map((b) => b.stored), proofs)).wait();
}

export async function execute(sys: System, blocks: readonly BuiltBlock[]): Promise<void> {
  await (
    await sys.zkLite
      .connect(sys.validator)
      .executeBlocks(blocks.map((b) => ({ storedBlock: b.stored, pendingOnchainOpsPubdata: b.pendingOnchainOpsPubdata })))
  ).wait();
}

/** Commits, proves and executes one block after `previous`; returns its StoredBlock. */
export async function finalize(sys: System, previous: StoredBlock, ops: readonly BlockOp[], chunks: number): Promise<BuiltBlock> {
  const block = await buildBlock(previous, ops, { chunks });
  await commit(sys, previous, [block]);
  await prove(sys, [block]);
  await execute(sys, [block]);
  return block;
}
