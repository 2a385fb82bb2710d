// Gas benchmark of the L1 contracts on Hardhat's in-process network. Prints one JSON object per line.
//
//   npm run bench -w @zklite/contracts      (= hardhat run scripts/bench.ts)
//
// Per-operation figures are marginal costs, like zkSync's gas_counter.rs: (gas of a block full of the op −
// gas of an empty block) / ops, at the largest block size; the fixed cost of a call is printed separately.
//
// Runs twice, in child processes: under "cancun", whose calldata pricing (16/4 gas per byte) is the one zkSync
// Lite's figures assume — these lines carry the plain names; and under Hardhat's default (latest) hardfork, where
// EIP-7623's calldata floor (40/10 gas per byte for data-heavy transactions) applies — these lines are suffixed
// with the hardfork's name.
import { spawnSync } from "node:child_process";
import { getBytes, hexlify, randomBytes, Wallet, ZeroAddress, ZeroHash, type ContractTransactionResponse } from "ethers";
import hre, { ethers } from "hardhat";

import type { Operation } from "@zklite/protocol";
import { deployZkLite } from "../lib/deploy";
import { TestERC20__factory, ZkLite__factory, type ZkLite } from "../typechain-types";
import { compileGroth16Verifier } from "../tools/compile-verifier";
import { ensureDevCircuit } from "../tools/dev-circuit";
import { proveEcho, proveExitEcho, releaseSnarkjs } from "../tools/echo-prover";

const PRICING_BASELINE_HARDFORK = "cancun";
const BLOCK_SIZES = [10, 32, 72, 156, 322, 654];
const LARGEST = BLOCK_SIZES[BLOCK_SIZES.length - 1]!;
const KEY = "bench-block";
const EXIT_KEY = "bench-exit";
/** Config.sol's PRIORITY_EXPIRATION (blocks), after which an unexecuted priority request allows exodus. */
const PRIORITY_EXPIRATION_BLOCKS = 80640;

interface StoredBlock {
  blockNumber: number;
  priorityOperations: number | bigint | string;
  pendingOnchainOperationsHash: string;
  timestamp: bigint | string;
  stateHash: string;
  commitment: string;
}

function hardfork(): string {
  return (hre.network.config as { hardfork?: string }).hardfork ?? "unknown";
}

function emit(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  const name = hardfork() === PRICING_BASELINE_HARDFORK ? bench : `${bench}.${hardfork()}`;
  console.log(JSON.stringify({ bench: name, value: Math.round(value), unit, ...extra }));
}

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

async function snapshot(): Promise<string> {
  return (await hre.network.provider.send("evm_snapshot", [])) as string;
}

async function revertTo(id: string): Promise<void> {
  await hre.network.provider.send("evm_revert", [id]);
}

async function main(): Promise<void> {
  const p = await import("@zklite/protocol");
  const [deployer, alice, bob] = await ethers.getSigners();
  if (!deployer || !alice || !bob) throw new Error("not enough accounts");
  const circuit = ensureDevCircuit("block", [KEY]);
  const exitCircuit = ensureDevCircuit("exit", [EXIT_KEY]);
  const verifier = compileGroth16Verifier(circuit.keys[KEY]!.verifierSolidityPath);
  const deployment = await deployZkLite(deployer, {
    genesisStateRoot: "0x" + "00".repeat(32),
    blockVerifiers: BLOCK_SIZES.map((chunks) => ({ chunks, verifier })),
    exitVerifier: compileGroth16Verifier(exitCircuit.keys[EXIT_KEY]!.verifierSolidityPath),
    nftFactory: { name: "N", symbol: "N" },
    devTokens: [{ name: "Bench", symbol: "BEN", mintAmount: 10n ** 30n, mintTo: [alice.address, bob.address] }],
  });
  const zkLite = ZkLite__factory.connect(deployment.contracts.zkLite, deployer);
  const token = TestERC20__factory.connect(deployment.tokens[0]!.address, deployer);
  const common = { hardfork: hardfork(), solc: hre.config.solidity.compilers[0]?.version };

  // ---- deposits (the second depositor's transaction: the queue counters are already non-zero)
  await gasOf(zkLite.connect(alice).depositETH(alice.address, { value: 10n ** 18n }));
  emit("gas.deposit_eth", await gasOf(zkLite.connect(bob).depositETH(bob.address, { value: 10n ** 18n })), "gas", common);
  await token.connect(alice).approve(zkLite, 10n ** 30n);
  await token.connect(bob).approve(zkLite, 10n ** 30n);
  await gasOf(zkLite.connect(alice).depositERC20(token, 10n ** 18n, alice.address));
  emit("gas.deposit_erc20", await gasOf(zkLite.connect(bob).depositERC20(token, 10n ** 18n, bob.address)), "gas", common);

  const depositsPerBlock = Math.floor(LARGEST / 6);
  const queuedBefore = Number(await zkLite.totalOpenPriorityRequests());
  for (let i = queuedBefore; i < depositsPerBlock + queuedBefore; i++) {
    await zkLite.connect(alice).depositETH(Wallet.createRandom().address, { value: BigInt(i + 1) });
  }

  // ---- blocks
  const genesis = deployment.genesis.storedBlockInfo;
  let previous: StoredBlock = { ...genesis, blockNumber: 0 };
  const build = async (prev: StoredBlock, ops: Operation[], chunks: number) => {
    const publicData = p.encodeBlockPubdata(ops, chunks);
    const timestamp = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const newStateHash = hexlify(randomBytes(32).map((b, i) => (i === 0 ? b & 0x1f : b)));
    const blockNumber = prev.blockNumber + 1;
    const commitment = hexlify(
      p.blockCommitment({ blockNumber, feeAccount: 0, oldStateRoot: prev.stateHash, newStateRoot: newStateHash, timestamp, publicData }),
    );
    const info: ZkLite.CommitBlockInfoStruct = {
      newStateHash,
      publicData,
      timestamp,
      onchainOperations: p.onchainOperationOffsets(publicData).map((publicDataOffset) => ({ ethWitness: "0x", publicDataOffset })),
      blockNumber,
      feeAccount: 0,
    };
    const stored: StoredBlock = {
      blockNumber,
      priorityOperations: p.countPriorityOperations(publicData),
      pendingOnchainOperationsHash: hexlify(p.pendingOnchainOperationsHash(publicData)),
      timestamp,
      stateHash: newStateHash,
      commitment,
    };
    const pending = p
      .decodeBlockOperations(publicData)
      .filter(({ op }) => p.isProcessableOperation(op.type))
      .map(({ op, offset }) => publicData.subarray(offset, offset + p.operationChunks(op.type) * p.CHUNK_BYTES));
    return { info, stored, chunks, pending };
  };
  type Built = Awaited<ReturnType<typeof build>>;
  const commit = (prev: StoredBlock, blocks: Built[]) => gasOf(zkLite.commitBlocks(prev, blocks.map((b) => b.info)));
  const proofOf = async (b: Built) => ({
    chunks: b.chunks,
    proof: [...(await proveEcho(circuit, KEY, p.maskCommitment(getBytes(b.stored.commitment))))],
  });
  const prove = async (blocks: Built[]) => {
    const proofs = [];
    for (const b of blocks) proofs.push(await proofOf(b));
    return gasOf(zkLite.proveBlocks(blocks.map((b) => b.stored), proofs));
  };
  const execute = (blocks: Built[]) =>
    gasOf(zkLite.executeBlocks(blocks.map((b) => ({ storedBlock: b.stored, pendingOnchainOpsPubdata: b.pending }))));

  // a first block warms the counters; every measured block is block 2
  const first = await build(previous, [], BLOCK_SIZES[0]!);
  await commit(previous, [first]);
  await prove([first]);
  await execute([first]);
  previous = first.stored;
  // a snapshot can be reverted to once: take a new one each time
  let base = await snapshot();
  const restore = async () => {
    await revertTo(base);
    base = await snapshot();
  };

  const random = (max: number) => Math.floor(Math.random() * max);
  const transfers: Operation[] = Array.from({ length: LARGEST / 2 }, () => ({
    type: "Transfer",
    fromId: 1 + random(1 << 20),
    toId: 1 + random(1 << 20),
    token: random(4),
    amount: BigInt(1 + random(1_000_000)) * 10n ** 12n,
    fee: BigInt(1 + random(2000)) * 10n ** 10n,
  }));
  const withdrawals: Operation[] = Array.from({ length: depositsPerBlock }, () => ({
    type: "Withdraw",
    accountId: 1 + random(1 << 20),
    token: 0,
    amount: BigInt(1 + random(1_000_000)) * 10n ** 9n,
    fee: BigInt(1 + random(2000)) * 10n ** 10n,
    to: Wallet.createRandom().address.toLowerCase(),
  }));
  const depositEvents = await zkLite.queryFilter(zkLite.filters.NewPriorityRequest());
  const deposits: Operation[] = depositEvents.slice(0, depositsPerBlock).map((event, i) => {
    const op = p.decodeOperationPubdata(getBytes(event.args.pubData + "00".repeat(15)));
    return { ...op, accountId: 1 + i } as Operation;
  });

  // baselines: commit of a block without pubdata; prove and execute of the smallest block of Noops
  const emptyCommit = await commit(previous, [await build(previous, [], 0)]);
  await restore();
  const noopBlock = await build(previous, [], BLOCK_SIZES[0]!);
  await commit(previous, [noopBlock]);
  const emptyProve = await prove([noopBlock]);
  const emptyExecute = await execute([noopBlock]);
  await restore();
  emit("gas.commit_base", emptyCommit, "gas", { note: "commitBlocks of one block with no pubdata", ...common });
  emit("gas.execute_base", emptyExecute, "gas", { note: "executeBlocks of one block without pending ops", ...common });

  const transferBlock = await build(previous, transfers, LARGEST);
  const transferCommit = await commit(previous, [transferBlock]);
  emit("gas.commit_per_transfer", (transferCommit - emptyCommit) / transfers.length, "gas", {
    target: 300,
    blockChunks: LARGEST,
    transfers: transfers.length,
    blockCommitGas: transferCommit,
    amortizedPerTransfer: Math.round(transferCommit / transfers.length),
    ...common,
  });
  await restore();

  const depositBlock = await build(previous, deposits, LARGEST);
  const depositCommit = await commit(previous, [depositBlock]);
  emit("gas.commit_per_deposit", (depositCommit - emptyCommit) / deposits.length, "gas", {
    blockChunks: LARGEST,
    deposits: deposits.length,
    blockCommitGas: depositCommit,
    ...common,
  });
  await restore();

  const withdrawBlock = await build(previous, withdrawals, LARGEST);
  await commit(previous, [withdrawBlock]);
  const proveOne = await prove([withdrawBlock]);
  const withdrawExecute = await execute([withdrawBlock]);
  emit("gas.execute_per_withdraw", (withdrawExecute - emptyExecute) / withdrawals.length, "gas", {
    note: "each to a new L1 address (pending-balance slot written from zero)",
    withdrawals: withdrawals.length,
    blockExecuteGas: withdrawExecute,
    ...common,
  });
  emit("gas.prove_block", proveOne, "gas", { target: 250_000, note: "proveBlocks transaction with one Groth16 proof", emptyBlockProveGas: emptyProve, ...common });
  await restore();

  const four: Built[] = [];
  let prev = previous;
  for (let i = 0; i < 4; i++) {
    const b = await build(prev, transfers.slice(0, 10), LARGEST);
    four.push(b);
    prev = b.stored;
  }
  await commit(previous, four);
  emit("gas.prove_block_amortized", (await prove(four)) / 4, "gas", { blocksPerCall: 4, ...common });
  await restore();

  // ---- exodus: the deposits queued above expire unexecuted; alice exits ETH against the last executed root
  await hre.network.provider.send("hardhat_mine", [`0x${PRIORITY_EXPIRATION_BLOCKS.toString(16)}`]);
  await (await zkLite.activateExodusMode()).wait();
  const exit = { accountId: 1, owner: alice.address, tokenId: 0, amount: 10n ** 18n };
  const exitInputs = [BigInt(previous.stateHash), BigInt(exit.accountId), BigInt(exit.owner), BigInt(exit.tokenId), exit.amount, 0n, 0n, 0n, 0n, 0n];
  const exitProof = await proveExitEcho(exitCircuit, EXIT_KEY, exitInputs);
  const exodusGas = await gasOf(
    zkLite.performExodus(previous, exit.owner, exit.accountId, exit.tokenId, exit.amount, 0, ZeroAddress, 0, ZeroHash, [...exitProof]),
  );
  emit("gas.perform_exodus", exodusGas, "gas", { note: "performExodus of a fungible balance, one Groth16 proof with 10 public inputs", ...common });
}

/** Without ZKLITE_HARDFORK: runs this script once per hardfork, in child Hardhat processes. */
function runPerHardfork(): void {
  for (const fork of [PRICING_BASELINE_HARDFORK, undefined]) {
    const env: NodeJS.ProcessEnv = { ...process.env, ZKLITE_BENCH_CHILD: "1", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };
    if (fork) env.ZKLITE_HARDFORK = fork;
    const result = spawnSync(process.execPath, [require.resolve("hardhat/internal/cli/cli.js"), "run", __filename], {
      stdio: "inherit",
      env,
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

if (!process.env.ZKLITE_BENCH_CHILD) {
  runPerHardfork();
  process.exit(0);
}

main()
  .then(releaseSnarkjs)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
