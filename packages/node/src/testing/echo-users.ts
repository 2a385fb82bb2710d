/** Test helper: funded L2 users on an echo devnet, and the L2 transactions that make blocks. */
import { ZkLite__factory } from "@zklite/contracts";
import type { EchoDevnet } from "./echo-devnet.js";
import { TestUser } from "./test-user.js";
import { waitFor } from "./wait-for.js";

export interface FundedUser {
  readonly user: TestUser;
  readonly id: number;
  /** Next L2 nonce. */
  nonce: number;
}

/** Deposits `amountWei` to each new user from Hardhat account 1, waits for them on L2, sets their keys. */
export async function fundedUsers(devnet: EchoDevnet, count: number, amountWei: bigint): Promise<FundedUser[]> {
  const rollup = ZkLite__factory.connect(devnet.deployment.contracts.zkLite, await devnet.l1.contractSigner(1));
  const users = await Promise.all(Array.from({ length: count }, () => TestUser.create()));
  for (const user of users) await (await rollup.depositETH(user.address, { value: amountWei })).wait();
  await devnet.l1.mine(2);
  const funded: FundedUser[] = [];
  for (const user of users) {
    const state = await user.waitForState(devnet.provider, (s) => s.committed.balances["0"] === amountWei.toString());
    funded.push({ user, id: state.id as number, nonce: 0 });
  }
  const fee = (await devnet.provider.getTransactionFee({ ChangePubKey: "ECDSA" }, users[0]?.address as string, "ETH")).totalFeeBigInt;
  for (const f of funded) await submit(devnet, await f.user.changePubKey(f.id, f.nonce++, fee));
  return funded;
}

async function submit(devnet: EchoDevnet, tx: unknown, signature?: unknown): Promise<void> {
  const hash = await devnet.provider.submitTx(tx as never, signature as never);
  const receipt = await devnet.provider.notifyTransaction(hash, "COMMIT", 60_000);
  if (receipt.status === "rejected") throw new Error(`transaction ${hash} failed: ${receipt.failReason}`);
}

/** A Transfer of 1 gwei from `from` to `to`; resolves once it is in a block (pending or sealed). */
export async function transfer(devnet: EchoDevnet, from: FundedUser, to: string): Promise<void> {
  const fee = (await devnet.provider.getTransactionFee("Transfer", to, "ETH")).totalFeeBigInt;
  const { tx, ethSignature } = await from.user.transfer(from.id, to, 10n ** 9n, fee, from.nonce++);
  await submit(devnet, tx, ethSignature);
}

/** A Withdraw of `amountWei` to the user's own L1 address. */
export async function withdraw(devnet: EchoDevnet, from: FundedUser, amountWei: bigint): Promise<void> {
  const fee = (await devnet.provider.getTransactionFee("Withdraw", from.user.address, "ETH")).totalFeeBigInt;
  const { tx, ethSignature } = await from.user.withdraw(from.id, amountWei, fee, from.nonce++);
  await submit(devnet, tx, ethSignature);
}

/** Waits until the last stored block is `number` or later and returns it. */
export async function waitForSealed(devnet: EchoDevnet, number: number, timeoutMs = 60_000): Promise<number> {
  return waitFor(
    async () => {
      const last = await devnet.database.prisma.block.aggregate({ _max: { number: true } });
      const n = last._max.number ?? 0;
      return n >= number ? n : undefined;
    },
    timeoutMs,
    `block ${number} to be sealed`,
  );
}

/**
 * Waits until no operation is left in the pending block and block `atLeast` or a later one is sealed; returns the
 * last sealed block (a transaction "in a block" may still be in the pending one: this waits for its seal).
 */
export async function waitForAllSealed(devnet: EchoDevnet, atLeast = 1, timeoutMs = 60_000): Promise<number> {
  const { prisma } = devnet.database;
  return waitFor(
    async () => {
      const sealed = (await prisma.block.aggregate({ _max: { number: true } }))._max.number ?? 0;
      const pending = await prisma.executedOperation.count({ where: { blockNumber: { gt: sealed } } });
      return sealed >= atLeast && pending === 0 ? sealed : undefined;
    },
    timeoutMs,
    `every operation to be sealed (block ${atLeast} at least)`,
  );
}

/** Waits until every block up to `number` has its `column` set (committed / proven / executed on L1). */
export async function waitForL1Status(devnet: EchoDevnet, number: number, column: "committedAt" | "provenAt" | "executedAt", timeoutMs = 90_000): Promise<void> {
  try {
    await waitFor(
      async () => {
        const missing = await devnet.database.prisma.block.count({ where: { number: { lte: number }, [column]: null } });
        return missing === 0 ? true : undefined;
      },
      timeoutMs,
      `blocks up to ${number} to have ${column}`,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; node log tail:\n${devnet.node.log.slice(-3000)}`);
  }
}
