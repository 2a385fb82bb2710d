/**
 * L1 faults, as processes: the node reaches its Hardhat L1 through a TCP proxy that is cut while deposits are
 * made and restored later (no deposit lost or applied twice), and a deposit in an L1 block that is reorged
 * away before the confirmation depth is never applied.
 */
import { ZkLite__factory } from "@zklite/contracts";
import { parseEther } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type TestDevnet } from "./testing/devnet.js";
import { TestUser } from "./testing/test-user.js";
import { waitFor } from "./testing/wait-for.js";

const CONFIRMATIONS = 3;

describe("L1 faults", () => {
  let devnet: TestDevnet;

  beforeAll(async () => {
    devnet = await startDevnet({ proxy: true, env: { ZKLITE_L1_CONFIRMATIONS: String(CONFIRMATIONS) } });
  }, 240_000);

  afterAll(async () => {
    await devnet?.close();
  });

  it("applies every deposit made while the L1 was unreachable exactly once", async () => {
    const { l1, provider, proxy } = devnet;
    const users = await Promise.all(Array.from({ length: 6 }, () => TestUser.create()));
    const rollup = ZkLite__factory.connect(l1.deployment.contracts.zkLite, await l1.contractSigner(2));
    // two deposits each: one before the outage, one during it
    for (const user of users) await (await rollup.depositETH(user.address, { value: parseEther("1") })).wait();
    await l1.mine(CONFIRMATIONS);
    await proxy?.cut();
    for (const user of users) await (await rollup.depositETH(user.address, { value: parseEther("2") })).wait();
    await l1.mine(CONFIRMATIONS + 2);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the node keeps polling a dead L1 meanwhile
    await proxy?.restore();
    for (const user of users) await user.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("3").toString(), 90_000);
    // and nothing more arrives later
    await l1.mine(CONFIRMATIONS + 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const user of users) expect((await provider.getState(user.address)).committed.balances["0"]).toBe(parseEther("3").toString());
    const status = await provider.getNetworkStatus();
    expect(status.nextPriorityOpSerial).toBe(String(users.length * 2));
  }, 240_000);

  it("never applies a deposit whose L1 block is reorged away inside the confirmation window", async () => {
    const { l1, provider } = devnet;
    const victim = await TestUser.create();
    const later = await TestUser.create();
    const rollup = ZkLite__factory.connect(l1.deployment.contracts.zkLite, await l1.contractSigner(3));
    const snapshot = await l1.snapshot();
    await (await rollup.depositETH(victim.address, { value: parseEther("5") })).wait();
    await l1.mine(CONFIRMATIONS - 2);
    const seen = await victim.waitForState(provider, (state) => state.depositing.length === 1);
    expect(seen.committed.balances["0"]).toBeUndefined();
    await l1.revert(snapshot);
    // the chain moves on without it; another deposit takes its serial id
    await (await rollup.depositETH(later.address, { value: parseEther("1") })).wait();
    await l1.mine(CONFIRMATIONS + 2);
    await later.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("1").toString());
    const victimState = await waitFor(async () => {
      const state = await provider.getState(victim.address);
      return state.depositing.length === 0 ? state : undefined;
    });
    expect(victimState.id).toBeNull();
    expect(victimState.committed.balances).toEqual({});
  }, 240_000);
});
