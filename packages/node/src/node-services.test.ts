/**
 * The node split into services, as separate processes on one PostgreSQL: a core process (state keeper, mempool,
 * eth-watch, API, prover API), a witness-generator process and an eth-sender process, with a prover worker proving
 * the echo circuit the devnet's L1 verifies, and a second eth-sender on standby. Blocks go all the way to "executed"
 * on L1; the witness process is killed with SIGKILL and restarted on the way, the active eth-sender is killed with
 * SIGKILL and the standby takes over, and no block is left behind or committed twice.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZkLite__factory } from "@zklite/contracts";
import { writeKeySet } from "@zklite/prover";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_NODE_ENV } from "./testing/devnet.js";
import { ECHO_BLOCK_SIZES, startEchoDevnet, type EchoDevnet } from "./testing/echo-devnet.js";
import { fundedUsers, transfer, waitForAllSealed, waitForL1Status, waitForSealed } from "./testing/echo-users.js";
import { contractsDir } from "./testing/hardhat-l1.js";
import { NodeProcess } from "./testing/node-process.js";
import { WorkerProcess } from "./testing/prover-worker-process.js";

const SECRET = "node-services-test-secret-0123";

/** A key set over the echo circuit the echo devnet's verifiers check, for every block size it seals. */
async function echoKeySet(devnet: EchoDevnet): Promise<string> {
  const { zKey } = createRequire(join(contractsDir(), "package.json"))("snarkjs") as { zKey: { exportVerificationKey(zkey: string): Promise<unknown> } };
  const dir = mkdtempSync(join(tmpdir(), "zklite-echo-keys-"));
  const vkeyPath = join(dir, "echo.vkey.json");
  writeFileSync(vkeyPath, JSON.stringify(await zKey.exportVerificationKey(devnet.deployment.devCircuit.blockZkey)));
  const manifestPath = join(dir, "key-set.json");
  const circuit = { wasmPath: devnet.deployment.devCircuit.blockWasm, zkeyPath: devnet.deployment.devCircuit.blockZkey, vkeyPath };
  writeKeySet(manifestPath, { description: "echo (INSECURE, tests)", blocks: ECHO_BLOCK_SIZES.map((chunks) => ({ chunks, circuit: "echo" as const, ...circuit })) });
  return manifestPath;
}

describe("node services in separate processes on one PostgreSQL", () => {
  let devnet: EchoDevnet;
  let witness: NodeProcess;
  let ethSender: NodeProcess;
  let standby: NodeProcess;
  let worker: WorkerProcess;

  beforeAll(async () => {
    // the key set must exist before the core starts: build it from a throw-away echo deployment's circuit files
    const probe = await startEchoDevnet();
    const keySet = await echoKeySet(probe);
    await probe.close();
    const env = { ZKLITE_KEY_SET: keySet, ZKLITE_PROVER_SECRET: SECRET, ZKLITE_ETH_SENDER_DEADLINE_MS: "500" };
    devnet = await startEchoDevnet({ env: { ...env, ZKLITE_SERVICES: "core" } });
    const shared = { l1Url: devnet.l1.url, deployment: devnet.deployment, databaseUrl: devnet.node.databaseUrl as string };
    const others = { ...TEST_NODE_ENV, ZKLITE_BLOCK_CHUNK_SIZES: ECHO_BLOCK_SIZES.join(","), ZKLITE_ETH_SENDER_POLL_MS: "100", ...env };
    witness = await NodeProcess.start({ ...shared, env: { ...others, ZKLITE_SERVICES: "witness" } });
    ethSender = await NodeProcess.start({ ...shared, env: { ...others, ZKLITE_SERVICES: "eth-sender", ZKLITE_ETH_SENDER_ENABLED: "1" } });
    standby = await NodeProcess.start({ ...shared, env: { ...others, ZKLITE_SERVICES: "eth-sender", ZKLITE_ETH_SENDER_ENABLED: "1" } });
    worker = WorkerProcess.start({ node: devnet.node.url, secret: SECRET, keySet, name: "services-worker", pollMs: 100 });
  }, 600_000);

  afterAll(async () => {
    await worker?.kill();
    await ethSender?.stop();
    await standby?.stop();
    await witness?.stop();
    await devnet?.close();
  });

  it("seals in the core, witnesses, proves and executes on L1 from the other processes; a killed witness process resumes", async () => {
    const [alice, bob] = await fundedUsers(devnet, 2, 10n ** 18n);
    if (alice === undefined || bob === undefined) throw new Error("no users");
    await transfer(devnet, alice, bob.user.address);
    // the transfer may still be in the pending block: wait for its seal, so that no later block gets witnessed below
    const first = await waitForAllSealed(devnet);
    await waitForL1Status(devnet, first, "executedAt", 120_000);

    // one eth-sender acts; the other waits for its lease
    expect(standby.log).toContain("another eth-sender holds the lease: standing by");
    expect(ethSender.log).not.toContain("standing by");
    await ethSender.kill();

    await witness.kill();
    await transfer(devnet, bob, alice.user.address);
    await transfer(devnet, alice, bob.user.address);
    const last = await waitForSealed(devnet, first + 1);
    // nothing is witnessed while the witness process is down; it catches up after its restart
    expect(await devnet.database.prisma.proverJob.count({ where: { blockNumber: { gt: first } } })).toBe(0);
    await witness.restart();
    await waitForL1Status(devnet, last, "executedAt", 180_000);

    expect(standby.log).toContain("eth-sender lease taken: this instance sends");
    const commits = await devnet.l1.provider.getLogs({ address: devnet.deployment.contracts.zkLite, topics: [ZkLite__factory.createInterface().getEvent("BlockCommit").topicHash], fromBlock: 0 });
    const committed = commits.map((log) => Number(BigInt(log.topics[1] as string)));
    expect(new Set(committed).size).toBe(committed.length);
    const status = await devnet.provider.getNetworkStatus();
    expect(status.lastExecutedBlock).toBeGreaterThanOrEqual(last);
    expect(await devnet.database.prisma.proverJob.count()).toBe(await devnet.database.prisma.block.count());
    // the core's subscribers see the other processes' block_status events
    expect((await devnet.provider.getBlock(last))?.status).toBe("executed");
  }, 600_000);
});
