/**
 * Test helper: an L1 whose blocks can really be proven — Hardhat with the contracts deployed by the contracts'
 * own deploy script with the INSECURE "dev-echo" Groth16 verifiers (contracts/README.md) and the node's real
 * genesis root — a node process on it (PostgreSQL, so the test can write Proof rows beside it), and echo proofs.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Deployment } from "@zklite/contracts";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { maskCommitment, fromHex } from "@zklite/protocol";
import { Provider } from "@zklite/sdk";
import { initPoseidon } from "@zklite/state";
import { TEST_NODE_ENV } from "./devnet.js";
import { deployWithConfig } from "./deploy-with-config.js";
import { contractsDir, HardhatL1 } from "./hardhat-l1.js";
import { NodeProcess } from "./node-process.js";
import { createTestDatabase } from "./postgres.js";
import { TcpProxy } from "./tcp-proxy.js";
import { openDatabase, type Database } from "../storage/database.js";

/** The dev-echo deployment's block sizes; the node must seal these sizes for `proveBlocks` to find a verifier. */
export const ECHO_BLOCK_SIZES = [10, 32];
export { GOVERNOR_INDEX } from "./deploy-with-config.js";

export interface EchoDeployment extends Deployment {
  readonly devCircuit: { readonly blockWasm: string; readonly blockZkey: string };
}

export interface EchoDevnet {
  readonly l1: HardhatL1;
  readonly deployment: EchoDeployment;
  readonly node: NodeProcess;
  readonly provider: Provider;
  readonly proxy: TcpProxy | undefined;
  /** The test's own connection to the node's database. */
  readonly database: Database;
  close(): Promise<void>;
}

/** Deploys with the dev-echo verifiers of ECHO_BLOCK_SIZES. */
function deployEcho(l1: HardhatL1): Promise<EchoDeployment> {
  return deployWithConfig<EchoDeployment>(l1, { blockChunks: ECHO_BLOCK_SIZES, blockVerifier: "dev-echo", exitVerifier: "dev-echo" });
}

export interface EchoDevnetOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Put a TCP proxy between the node and the L1. */
  readonly proxy?: boolean;
}

export async function startEchoDevnet(options: EchoDevnetOptions = {}): Promise<EchoDevnet> {
  await Promise.all([initCrypto(), initPoseidon()]);
  const l1 = await HardhatL1.start({ deploy: false });
  try {
    const deployment = await deployEcho(l1);
    const proxy = options.proxy === true ? await TcpProxy.start(l1.port) : undefined;
    const pg = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    const node = await NodeProcess.start({
      l1Url: proxy?.url ?? l1.url,
      deployment,
      databaseUrl: pg.url,
      env: { ...TEST_NODE_ENV, ZKLITE_ETH_SENDER_ENABLED: "1", ZKLITE_BLOCK_CHUNK_SIZES: ECHO_BLOCK_SIZES.join(","), ZKLITE_ETH_SENDER_POLL_MS: "100", ...options.env },
    });
    return {
      l1,
      deployment,
      node,
      provider: Provider.newHttpProvider(node.url),
      proxy,
      database,
      close: async () => {
        if (process.env.ZKLITE_TEST_NODE_LOG !== undefined) writeFileSync(process.env.ZKLITE_TEST_NODE_LOG, node.log);
        await node.stop();
        await database.close();
        await proxy?.close();
        await l1.kill();
        await pg.drop();
      },
    };
  } catch (error) {
    await l1.kill();
    throw error;
  }
}

/** A Groth16 proof of the echo circuit for the block's masked commitment: what `proveBlocks` accepts on this devnet. */
export async function echoProof(deployment: EchoDeployment, commitment: string): Promise<unknown> {
  // snarkjs is the contracts' dependency (their dev circuits are built with it)
  const { groth16 } = createRequire(join(contractsDir(), "package.json"))("snarkjs") as {
    groth16: { fullProve(input: unknown, wasm: string, zkey: string): Promise<{ proof: unknown; publicSignals: string[] }> };
  };
  const { proof, publicSignals } = await groth16.fullProve({ commitment: maskCommitment(fromHex(commitment)).toString() }, deployment.devCircuit.blockWasm, deployment.devCircuit.blockZkey);
  return { proof, publicSignals };
}

/** Writes a Proof row for every stored block without one (as the prover would). Returns the blocks proven. */
export async function proveStoredBlocks(devnet: EchoDevnet, upTo?: number): Promise<number[]> {
  const { prisma } = devnet.database;
  const blocks = await prisma.block.findMany({ where: { number: upTo === undefined ? {} : { lte: upTo } }, orderBy: { number: "asc" } });
  const proven = new Set((await prisma.proof.findMany({ select: { blockNumber: true } })).map((row) => row.blockNumber));
  const done: number[] = [];
  for (const block of blocks) {
    if (proven.has(block.number)) continue;
    await prisma.proof.create({ data: { blockNumber: block.number, proof: (await echoProof(devnet.deployment, block.commitment)) as object } });
    done.push(block.number);
  }
  return done;
}

/** Releases snarkjs' worker threads (call in afterAll). */
export async function releaseSnarkjs(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
  if (curve !== undefined) await curve.terminate();
}
