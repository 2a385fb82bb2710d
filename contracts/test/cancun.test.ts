// The rollup's reentrancy guards use transient storage (EIP-1153): on an L1 without it the deploy refuses, and a
// deposit cannot take funds that no guarded withdrawal could ever return. The pre-Cancun L1 is a second in-process
// Hardhat network at the "shanghai" hardfork.
import { expect } from "chai";
import { BrowserProvider, Wallet, type JsonRpcSigner, type Signer } from "ethers";
import hre, { ethers } from "hardhat";
import { createProvider } from "hardhat/internal/core/providers/construction";

import { CANCUN_PROBE_INIT_CODE, requireCancunL1 } from "../lib/cancun-probe";
import { deployZkLite } from "../lib/deploy";
import { ZkLite__factory, ZkLiteExtension__factory } from "../typechain-types";

interface ShanghaiL1 {
  readonly signer: JsonRpcSigner;
  /** The opcodes a mined transaction ran, from debug_traceTransaction. */
  opcodes(txHash: string): Promise<string[]>;
}

/** A fresh in-process pre-Cancun network whose failed transactions are mined (to trace where they stop). */
async function shanghaiL1(): Promise<ShanghaiL1> {
  const hardhat = { ...hre.config.networks.hardhat, hardfork: "shanghai", throwOnTransactionFailures: false };
  const eip1193 = await createProvider({ ...hre.config, networks: { ...hre.config.networks, hardhat } }, "hardhat");
  const signer = await new BrowserProvider(eip1193).getSigner(0);
  const opcodes = async (txHash: string) => {
    const trace = (await eip1193.request({ method: "debug_traceTransaction", params: [txHash] })) as { structLogs: { op: string }[] };
    return trace.structLogs.map((log) => log.op);
  };
  return { signer, opcodes };
}

/** The `code` of the error `promise` rejects with (a failure when it resolves). */
async function errorCode(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  throw new Error("expected a rejection");
}

/** A rollup implementation deployed directly (no proxy): enough for depositETH, which needs no governance. */
async function bareRollup(signer: Signer) {
  const [governance, verifier] = [Wallet.createRandom().address, Wallet.createRandom().address];
  const extension = await (await new ZkLiteExtension__factory(signer).deploy(governance, verifier)).waitForDeployment();
  return (await new ZkLite__factory(signer).deploy(governance, verifier, await extension.getAddress())).waitForDeployment();
}

describe("Cancun requirement", () => {
  it("the probe passes on Hardhat's default hardfork and fails on shanghai", async () => {
    await requireCancunL1(ethers.provider);
    expect(await ethers.provider.call({ data: CANCUN_PROBE_INIT_CODE })).to.equal(`0x${"0".repeat(63)}1`);
    const old = (await shanghaiL1()).signer;
    expect(await errorCode(requireCancunL1(old.provider))).to.equal("L1_NOT_CANCUN");
  });

  it("deployZkLite refuses a pre-Cancun L1 before sending any transaction", async () => {
    const old = (await shanghaiL1()).signer;
    const params = {
      genesisStateRoot: `0x${"00".repeat(32)}`,
      blockVerifiers: [{ chunks: 10, verifier: Wallet.createRandom().address }],
      exitVerifier: Wallet.createRandom().address,
      nftFactory: { name: "n", symbol: "n" },
    };
    expect(await errorCode(deployZkLite(old, params))).to.equal("L1_NOT_CANCUN");
    expect(await old.provider.getTransactionCount(await old.getAddress())).to.equal(0);
  });

  it("depositETH takes the funds on Cancun and, without transient storage, stops at its reentrancy guard", async () => {
    const [signer] = await ethers.getSigners();
    const rollup = await bareRollup(signer!);
    await expect(rollup.depositETH(signer!.address, { value: 7n })).to.emit(rollup, "Deposit").withArgs(0, 7n);

    const old = await shanghaiL1();
    const oldRollup = await bareRollup(old.signer);
    const tx = await oldRollup.depositETH(await old.signer.getAddress(), { value: 7n, gasLimit: 500_000 });
    expect((await old.signer.provider.getTransactionReceipt(tx.hash))?.status).to.equal(0);
    // the guard's transient-storage read is the opcode that fails, before the deposit is even looked at
    const ops = await old.opcodes(tx.hash);
    expect(ops[ops.length - 1]).to.equal("TLOAD");
    expect(ops).to.not.include("CALLVALUE", "the deposit body never ran");
    expect(await old.signer.provider.getBalance(await oldRollup.getAddress())).to.equal(0n);
    expect(await oldRollup.totalOpenPriorityRequests()).to.equal(0n);
  });
});
