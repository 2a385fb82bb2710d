import { expect } from "chai";
import { getAddress, hexlify, randomBytes } from "ethers";
import { ethers } from "hardhat";

import { deployZkLite } from "../lib/deploy";
import { BN254_FIELD_MODULUS, validateDeployParams, type DeployParams } from "../lib/deploy-config";
import { toSolidityProof } from "../lib/groth16-proof";
import { Governance__factory, Proxy__factory, TestERC20__factory, UpgradeGatekeeper__factory, ZkLite__factory } from "../typechain-types";
import { storedBlockHash, genesisBlock } from "./helpers/blocks";
import { GENESIS_ROOT, system } from "./helpers/fixture";

const address = () => getAddress(hexlify(randomBytes(20)));

function expectInvalid(params: DeployParams, message: RegExp): void {
  expect(() => validateDeployParams(params)).to.throw(message).with.property("code", "INVALID_DEPLOY_PARAMS");
}

describe("deployZkLite", () => {
  const valid: DeployParams = {
    genesisStateRoot: GENESIS_ROOT,
    blockVerifiers: [{ chunks: 10, verifier: address() }],
    exitVerifier: address(),
    nftFactory: { name: "n", symbol: "s" },
  };

  it("validates its parameters with ZkLiteError codes", () => {
    validateDeployParams(valid);
    expectInvalid({ ...valid, genesisStateRoot: "0x1234" }, /32 bytes/);
    expectInvalid({ ...valid, genesisStateRoot: "0x" + BN254_FIELD_MODULUS.toString(16).padStart(64, "0") }, /BN254/);
    expectInvalid({ ...valid, governor: "0x12" }, /governor/);
    expectInvalid({ ...valid, validators: ["nope"] }, /validator/);
    expectInvalid({ ...valid, blockVerifiers: [] }, /at least one/);
    for (const chunks of [0, 1.5, 2 ** 32]) expectInvalid({ ...valid, blockVerifiers: [{ chunks, verifier: address() }] }, /u32/);
    expectInvalid({ ...valid, blockVerifiers: [{ chunks: 4, verifier: address() }, { chunks: 4, verifier: address() }] }, /twice/);
    expectInvalid({ ...valid, blockVerifiers: [{ chunks: 4, verifier: "0x99" }] }, /not an address/);
    expectInvalid({ ...valid, exitVerifier: { abi: [], bytecode: "0x" } }, /no bytecode/);
    expectInvalid({ ...valid, devTokens: [{ name: "a", symbol: "A", mintAmount: -1n, mintTo: [] }] }, /negative/);
    expectInvalid({ ...valid, devTokens: [{ name: "a", symbol: "A", mintAmount: 1n, mintTo: ["x"] }] }, /not an address/);
  });

  it("wires proxies, gatekeeper, NFT factory and the SDK's genesis block", async () => {
    const sys = await system();
    const c = sys.deployment.contracts;
    expect(await sys.zkLite.storedBlockHashes(0)).to.equal(await storedBlockHash(genesisBlock(sys)));
    expect(await sys.zkLite.getVerifier()).to.equal(c.verifier);
    expect(await sys.zkLite.getGovernance()).to.equal(c.governance);
    expect(await sys.zkLite.extension()).to.equal(c.zkLiteExtension);
    for (const proxy of [c.governance, c.zkLite]) {
      expect(await Proxy__factory.connect(proxy, sys.governor).getMaster()).to.equal(c.upgradeGatekeeper);
    }
    expect(await sys.governance.defaultFactory()).to.equal(c.nftFactory);
    expect(await sys.nftFactory.rollup()).to.equal(c.zkLite);
    expect(await sys.governance.validators(sys.validator.address)).to.equal(true);
    expect(await sys.governance.validators(sys.governor.address)).to.equal(false);
    expect(await sys.verifier.getSupportedBlockChunks()).to.deep.equal(Object.keys(sys.deployment.blockVerifiers).map(BigInt));
    expect(sys.deployment.deployBlock).to.be.greaterThanOrEqual(0);
  });

  it("hands governance to another governor, reuses deployed verifiers and lists dev tokens", async () => {
    const [deployer, governor, holder] = await ethers.getSigners();
    const sys = await system();
    const verifier = sys.deployment.exitVerifier;
    const deployment = await deployZkLite(deployer!, {
      genesisStateRoot: GENESIS_ROOT,
      governor: governor!.address,
      blockVerifiers: [{ chunks: 8, verifier }, { chunks: 16, verifier }],
      exitVerifier: verifier,
      nftFactory: { name: "N", symbol: "S" },
      devTokens: [{ name: "Dai (dev)", symbol: "DAI", mintAmount: 10n ** 21n, mintTo: [holder!.address] }],
    });
    const governance = Governance__factory.connect(deployment.contracts.governance, deployer);
    expect(await governance.networkGovernor()).to.equal(governor!.address);
    expect(await UpgradeGatekeeper__factory.connect(deployment.contracts.upgradeGatekeeper, deployer).owner()).to.equal(governor!.address);
    expect(deployment.validators).to.deep.equal([deployer!.address]);
    expect(deployment.blockVerifiers).to.deep.equal({ "8": verifier, "16": verifier });
    const [token] = deployment.tokens;
    expect(token).to.include({ id: 1, symbol: "DAI", decimals: 18 });
    expect(await TestERC20__factory.connect(token!.address, deployer).balanceOf(holder!.address)).to.equal(10n ** 21n);
    expect(await ZkLite__factory.connect(deployment.contracts.zkLite, deployer).totalBlocksCommitted()).to.equal(0n);
  });
});

describe("toSolidityProof", () => {
  it("swaps B's coordinates and rejects malformed proofs", () => {
    const proof = { pi_a: ["1", "2", "1"], pi_b: [["3", "4"], ["5", "6"], ["1", "0"]], pi_c: ["7", "0x8", "1"] };
    expect(toSolidityProof(proof)).to.deep.equal([1n, 2n, 4n, 3n, 6n, 5n, 7n, 8n]);
    expect(() => toSolidityProof({ ...proof, pi_c: ["7"] })).to.throw(/pi_c\[1\]/).with.property("code", "INVALID_PROOF");
    expect(() => toSolidityProof({ ...proof, pi_b: [["3", "x"]] })).to.throw(/pi_b/).with.property("code", "INVALID_PROOF");
  });
});
