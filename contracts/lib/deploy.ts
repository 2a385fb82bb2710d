import { AbiCoder, ContractFactory, getAddress, keccak256, ZeroHash, type Signer } from "ethers";

import {
  Governance__factory,
  Proxy__factory,
  TestERC20__factory,
  UpgradeGatekeeper__factory,
  VerifierAdapter__factory,
  ZkLite__factory,
  ZkLiteExtension__factory,
  ZkLiteNFTFactory__factory,
} from "../typechain-types";
import { requireCancunL1 } from "./cancun-probe";
import { validateDeployParams, type ContractSource, type DeployParams } from "./deploy-config";
import type { DeployedToken, Deployment } from "./deployment";

const abi = AbiCoder.defaultAbiCoder();

/**
 * Deploys and wires the whole L1 set on the signer's network:
 * verifiers → governance (proxy) → verifier adapter → rollup extension and implementation (which hold governance,
 * adapter and extension as immutables) → rollup proxy → upgrade gatekeeper (master of both proxies, owned by the
 * governor) → default NFT factory → validators → dev tokens → governor hand-over.
 * Refuses an L1 without Cancun's opcodes before deploying anything (`requireCancunL1`).
 */
export async function deployZkLite(signer: Signer, params: DeployParams): Promise<Deployment> {
  validateDeployParams(params);
  const provider = signer.provider;
  if (!provider) throw new Error("deployZkLite: the signer has no provider");
  await requireCancunL1(provider);
  const deployer = getAddress(await signer.getAddress());
  const governor = getAddress(params.governor ?? deployer);
  const validators = (params.validators ?? [deployer]).map((v) => getAddress(v));
  const deployBlock = await provider.getBlockNumber();

  // the same artifact object given for several block sizes is deployed once
  const deployedArtifacts = new Map<ContractSource, string>();
  const resolve = async (source: ContractSource): Promise<string> => {
    if (typeof source === "string") return getAddress(source);
    const known = deployedArtifacts.get(source);
    if (known) return known;
    const contract = await new ContractFactory(source.abi as never[], source.bytecode, signer).deploy();
    await contract.waitForDeployment();
    const address = getAddress(await contract.getAddress());
    deployedArtifacts.set(source, address);
    return address;
  };
  const blockVerifiers: Record<string, string> = {};
  for (const { chunks, verifier } of params.blockVerifiers) blockVerifiers[String(chunks)] = await resolve(verifier);
  const exitVerifier = await resolve(params.exitVerifier);

  const deployed = async (pending: Promise<{ waitForDeployment(): Promise<unknown>; getAddress(): Promise<string> }>) => {
    const contract = await pending;
    await contract.waitForDeployment();
    return getAddress(await contract.getAddress());
  };
  const governanceTarget = await deployed(new Governance__factory(signer).deploy());
  const governanceAddress = await deployed(
    new Proxy__factory(signer).deploy(governanceTarget, abi.encode(["address"], [deployer])),
  );
  const verifierAddress = await deployed(
    new VerifierAdapter__factory(signer).deploy(
      params.blockVerifiers.map((b) => b.chunks),
      params.blockVerifiers.map((b) => blockVerifiers[String(b.chunks)]!),
      exitVerifier,
    ),
  );
  const zkLiteExtension = await deployed(new ZkLiteExtension__factory(signer).deploy(governanceAddress, verifierAddress));
  const zkLiteTarget = await deployed(new ZkLite__factory(signer).deploy(governanceAddress, verifierAddress, zkLiteExtension));
  const zkLiteAddress = await deployed(
    new Proxy__factory(signer).deploy(zkLiteTarget, abi.encode(["bytes32"], [params.genesisStateRoot])),
  );

  const gatekeeperAddress = await deployed(new UpgradeGatekeeper__factory(signer).deploy(zkLiteAddress));
  const gatekeeper = UpgradeGatekeeper__factory.connect(gatekeeperAddress, signer);
  for (const proxyAddress of [governanceAddress, zkLiteAddress]) {
    await (await Proxy__factory.connect(proxyAddress, signer).transferMastership(gatekeeperAddress)).wait();
    await (await gatekeeper.addUpgradeable(proxyAddress)).wait();
  }

  const governance = Governance__factory.connect(governanceAddress, signer);
  const nftFactory = await deployed(
    new ZkLiteNFTFactory__factory(signer).deploy(params.nftFactory.name, params.nftFactory.symbol, zkLiteAddress),
  );
  await (await governance.setDefaultNFTFactory(nftFactory)).wait();
  for (const validator of validators) await (await governance.setValidator(validator, true)).wait();

  const tokens: DeployedToken[] = [];
  for (const token of params.devTokens ?? []) {
    const erc20 = await new TestERC20__factory(signer).deploy(token.name, token.symbol);
    await erc20.waitForDeployment();
    const address = getAddress(await erc20.getAddress());
    for (const to of token.mintTo) await (await erc20.mint(to, token.mintAmount)).wait();
    await (await governance.addToken(address)).wait();
    tokens.push({ id: Number(await governance.tokenIds(address)), address, symbol: token.symbol, name: token.name, decimals: 18 });
  }

  if (governor !== deployer) {
    await (await governance.changeGovernor(governor)).wait();
    await (await gatekeeper.transferOwnership(governor)).wait();
  }

  const network = await provider.getNetwork();
  return {
    chainId: network.chainId.toString(),
    deployer,
    governor,
    validators,
    deployBlock,
    contracts: {
      zkLite: zkLiteAddress,
      zkLiteTarget,
      zkLiteExtension,
      governance: governanceAddress,
      governanceTarget,
      verifier: verifierAddress,
      upgradeGatekeeper: gatekeeperAddress,
      nftFactory,
    },
    blockVerifiers,
    exitVerifier,
    genesis: {
      stateRoot: params.genesisStateRoot,
      storedBlockInfo: {
        blockNumber: 0,
        priorityOperations: "0",
        pendingOnchainOperationsHash: keccak256("0x"),
        timestamp: "0",
        stateHash: params.genesisStateRoot,
        commitment: ZeroHash,
      },
    },
    tokens,
  };
}
