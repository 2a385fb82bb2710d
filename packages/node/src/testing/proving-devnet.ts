/**
 * Test helper: the whole rollup loop as `npm start` runs it, with real proofs — a Hardhat L1 with the contracts
 * verifying blocks and exits with the Solidity verifiers of the devnet's INSECURE development keys (the 12-chunk
 * production block circuit and the exit circuit at 24/32, from @zklite/circuits' per-machine cache), the node
 * (PostgreSQL, eth-sender on) and one `zklite-prover-worker` process.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDevKeySet } from "@zklite/circuits";
import type { Deployment } from "@zklite/contracts";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { Provider } from "@zklite/sdk";
import { initPoseidon } from "@zklite/state";
import { openDatabase, type Database } from "../storage/database.js";
import { deployWithConfig } from "./deploy-with-config.js";
import { TEST_NODE_ENV } from "./devnet.js";
import { HardhatL1 } from "./hardhat-l1.js";
import { NodeProcess } from "./node-process.js";
import { createTestDatabase } from "./postgres.js";
import { WorkerProcess } from "./prover-worker-process.js";

/** The devnet's block size (README.md, "npm start"): the smallest even size that holds a FullExit (11 chunks). */
export const PROVING_BLOCK_SIZE = 12;
const SECRET = "proving-devnet-secret-0123456789";

export interface ProvingDevnet {
  readonly l1: HardhatL1;
  readonly deployment: Deployment;
  readonly node: NodeProcess;
  readonly provider: Provider;
  readonly database: Database;
  readonly keySetPath: string;
  readonly workers: WorkerProcess[];
  startWorker(name: string): WorkerProcess;
  close(): Promise<void>;
}

export async function startProvingDevnet(env: Readonly<Record<string, string>> = {}): Promise<ProvingDevnet> {
  await Promise.all([initCrypto(), initPoseidon()]);
  const keys = await ensureDevKeySet({ blockSizes: [PROVING_BLOCK_SIZE], manifestPath: join(mkdtempSync(join(tmpdir(), "zklite-keys-")), "key-set.json") });
  const l1 = await HardhatL1.start({ deploy: false });
  try {
    const deployment = await deployWithConfig<Deployment>(l1, {
      blockChunks: [PROVING_BLOCK_SIZE],
      blockVerifier: { [PROVING_BLOCK_SIZE]: { solidity: keys.blockVerifiers.get(PROVING_BLOCK_SIZE) } },
      exitVerifier: { solidity: keys.exitVerifier },
    });
    const pg = await createTestDatabase();
    const database = await openDatabase({ databaseUrl: pg.url, dataDir: "unused" });
    const node = await NodeProcess.start({
      l1Url: l1.url,
      deployment,
      databaseUrl: pg.url,
      env: {
        ...TEST_NODE_ENV,
        ZKLITE_ETH_SENDER_ENABLED: "1",
        ZKLITE_ETH_SENDER_POLL_MS: "200",
        ZKLITE_ETH_SENDER_DEADLINE_MS: "1000",
        ZKLITE_BLOCK_CHUNK_SIZES: String(PROVING_BLOCK_SIZE),
        ZKLITE_KEY_SET: keys.manifestPath,
        ZKLITE_PROVER_SECRET: SECRET,
        ZKLITE_PROVER_LEASE_MS: "20000",
        ...env,
      },
    });
    const workers: WorkerProcess[] = [];
    const startWorker = (name: string): WorkerProcess => {
      const worker = WorkerProcess.start({ node: node.url, secret: SECRET, keySet: keys.manifestPath, name, pollMs: 200 });
      workers.push(worker);
      return worker;
    };
    return {
      l1,
      deployment,
      node,
      provider: Provider.newHttpProvider(node.url),
      database,
      keySetPath: keys.manifestPath,
      workers,
      startWorker,
      close: async () => {
        await Promise.all(workers.map((worker) => worker.kill()));
        await node.stop();
        await database.close();
        await l1.kill();
        await pg.drop();
      },
    };
  } catch (error) {
    await l1.kill();
    throw error;
  }
}
