import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ethers } from "hardhat";

import { deployZkLite } from "../../lib/deploy";
import type { Deployment } from "../../lib/deployment";
import {
  FeeOnTransferERC20__factory,
  Governance__factory,
  NoReturnERC20__factory,
  ReentrantERC20__factory,
  RevertingERC20__factory,
  SenderFeeERC20__factory,
  TestERC20__factory,
  UpgradeGatekeeper__factory,
  VerifierAdapter__factory,
  ZkLite__factory,
  ZkLiteNFTFactory__factory,
  type FeeOnTransferERC20,
  type Governance,
  type NoReturnERC20,
  type ReentrantERC20,
  type RevertingERC20,
  type SenderFeeERC20,
  type TestERC20,
  type UpgradeGatekeeper,
  type VerifierAdapter,
  type ZkLite,
  type ZkLiteNFTFactory,
} from "../../typechain-types";
import { compileGroth16Verifier } from "../../tools/compile-verifier";
import { ensureDevCircuit, type DevCircuit } from "../../tools/dev-circuit";

/** Block sizes of the test deployment and the dev-circuit key of each one's verifier. */
export const SMALL_BLOCK_CHUNKS = 12;
export const LARGE_BLOCK_CHUNKS = 60;
export const BLOCK_KEYS: Readonly<Record<number, string>> = {
  [SMALL_BLOCK_CHUNKS]: "block-small",
  [LARGE_BLOCK_CHUNKS]: "block-large",
};
export const EXIT_KEY = "exit";
/** A second, independent setup of the exit echo circuit: its proofs must not pass the deployed exit verifier. */
export const OTHER_EXIT_KEY = "exit-other";

/** A random genesis root below the BN254 modulus (tests have no real state tree). */
export const GENESIS_ROOT = "0x0c0ffee0" + "11".repeat(28);

let blockCircuit: DevCircuit | undefined;
let exitCircuit: DevCircuit | undefined;

/** Builds (or reuses from .cache) the block echo circuit's keys: a few seconds the first time. */
export function testCircuit(): DevCircuit {
  blockCircuit ??= ensureDevCircuit("block", Object.values(BLOCK_KEYS));
  return blockCircuit;
}

/** Builds (or reuses from .cache) the exit echo circuit's keys (ten public inputs). */
export function testExitCircuit(): DevCircuit {
  exitCircuit ??= ensureDevCircuit("exit", [EXIT_KEY, OTHER_EXIT_KEY]);
  return exitCircuit;
}

export interface Tokens {
  standard: TestERC20;
  feeOnTransfer: FeeOnTransferERC20;
  senderFee: SenderFeeERC20;
  noReturn: NoReturnERC20;
  reverting: RevertingERC20;
  reentrant: ReentrantERC20;
  unlisted: TestERC20;
}

export interface System {
  deployment: Deployment;
  governor: HardhatEthersSigner;
  validator: HardhatEthersSigner;
  users: HardhatEthersSigner[];
  zkLite: ZkLite;
  governance: Governance;
  verifier: VerifierAdapter;
  gatekeeper: UpgradeGatekeeper;
  nftFactory: ZkLiteNFTFactory;
  tokens: Tokens;
  /** token address → L2 token id */
  tokenId: (token: { getAddress(): Promise<string> }) => Promise<number>;
}

async function deploySystem(): Promise<System> {
  const [governor, validator, ...users] = await ethers.getSigners();
  if (!governor || !validator) throw new Error("hardhat network has too few accounts");
  const artifact = (name: string) => {
    const key = testCircuit().keys[name] ?? testExitCircuit().keys[name];
    if (!key) throw new Error(`no dev key ${name}`);
    return compileGroth16Verifier(key.verifierSolidityPath);
  };
  const deployment = await deployZkLite(governor, {
    genesisStateRoot: GENESIS_ROOT,
    validators: [validator.address],
    blockVerifiers: Object.entries(BLOCK_KEYS).map(([chunks, key]) => ({ chunks: Number(chunks), verifier: artifact(key) })),
    exitVerifier: artifact(EXIT_KEY),
    nftFactory: { name: "zkLite NFT", symbol: "ZKLNFT" },
  });
  const zkLite = ZkLite__factory.connect(deployment.contracts.zkLite, governor);
  const governance = Governance__factory.connect(deployment.contracts.governance, governor);

  const tokens: Tokens = {
    standard: await new TestERC20__factory(governor).deploy("Test", "TST"),
    feeOnTransfer: await new FeeOnTransferERC20__factory(governor).deploy(),
    senderFee: await new SenderFeeERC20__factory(governor).deploy(),
    noReturn: await new NoReturnERC20__factory(governor).deploy(),
    reverting: await new RevertingERC20__factory(governor).deploy(),
    reentrant: await new ReentrantERC20__factory(governor).deploy(),
    unlisted: await new TestERC20__factory(governor).deploy("Unlisted", "UNL"),
  };
  for (const [name, token] of Object.entries(tokens)) {
    if (name !== "unlisted") await (await governance.addToken(await token.getAddress())).wait();
  }
  return {
    deployment,
    governor,
    validator,
    users,
    zkLite,
    governance,
    verifier: VerifierAdapter__factory.connect(deployment.contracts.verifier, governor),
    gatekeeper: UpgradeGatekeeper__factory.connect(deployment.contracts.upgradeGatekeeper, governor),
    nftFactory: ZkLiteNFTFactory__factory.connect(deployment.contracts.nftFactory, governor),
    tokens,
    tokenId: async (token) => Number(await governance.tokenIds(await token.getAddress())),
  };
}

/** The deployed system, reset to its freshly deployed state by hardhat's snapshot mechanism. */
export function system(): Promise<System> {
  return loadFixture(deploySystem);
}
