import { ZkLiteError } from "@zklite/crypto-wasm";
import { getAddress, isAddress, isHexString } from "ethers";

/** Compiled contract ready to deploy (e.g. a snarkjs verifier compiled with solc). */
export interface ContractArtifact {
  readonly abi: readonly unknown[];
  readonly bytecode: string;
}

/** An already deployed contract (its address) or one to deploy. */
export type ContractSource = string | ContractArtifact;

export interface BlockVerifierParams {
  /** Block size in chunks that this verifier's circuit proves. */
  readonly chunks: number;
  readonly verifier: ContractSource;
}

export interface DevTokenParams {
  readonly name: string;
  readonly symbol: string;
  /** Minted to every address of `mintTo` (18 decimals). */
  readonly mintAmount: bigint;
  readonly mintTo: readonly string[];
}

/** Everything deployZkLite needs; see config/devnet.json for the JSON form used by the scripts. */
export interface DeployParams {
  /** State root of block 0 (BN254 field element, 32 bytes big-endian hex). */
  readonly genesisStateRoot: string;
  /** Network governor; defaults to the deployer. */
  readonly governor?: string;
  /** Addresses allowed to commit/execute/revert; defaults to [deployer]. */
  readonly validators?: readonly string[];
  readonly blockVerifiers: readonly BlockVerifierParams[];
  readonly exitVerifier: ContractSource;
  readonly nftFactory: { readonly name: string; readonly symbol: string };
  /** Test ERC-20 tokens to deploy and list (development networks only). */
  readonly devTokens?: readonly DevTokenParams[];
}

/** BN254 scalar field modulus: state roots are elements of this field. */
export const BN254_FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Checks DeployParams; throws ZkLiteError("INVALID_DEPLOY_PARAMS") naming the first bad field. */
export function validateDeployParams(params: DeployParams): void {
  const fail = (message: string): never => {
    throw new ZkLiteError("INVALID_DEPLOY_PARAMS", message);
  };
  if (!isHexString(params.genesisStateRoot, 32)) fail("genesisStateRoot must be 32 bytes of 0x-prefixed hex");
  if (BigInt(params.genesisStateRoot) >= BN254_FIELD_MODULUS) fail("genesisStateRoot must be below the BN254 modulus");
  if (params.governor !== undefined && !isAddress(params.governor)) fail(`governor ${params.governor} is not an address`);
  for (const validator of params.validators ?? []) {
    if (!isAddress(validator)) fail(`validator ${validator} is not an address`);
  }
  if (params.blockVerifiers.length === 0) fail("at least one block size needs a verifier");
  const sizes = new Set<number>();
  for (const { chunks, verifier } of params.blockVerifiers) {
    if (!Number.isInteger(chunks) || chunks <= 0 || chunks > 0xffffffff) fail(`block size ${chunks} is not a u32 > 0`);
    if (sizes.has(chunks)) fail(`block size ${chunks} is listed twice`);
    sizes.add(chunks);
    checkSource(verifier, `verifier of block size ${chunks}`, fail);
  }
  checkSource(params.exitVerifier, "exit verifier", fail);
  for (const token of params.devTokens ?? []) {
    if (token.mintAmount < 0n) fail(`dev token ${token.symbol}: negative mint amount`);
    for (const to of token.mintTo) if (!isAddress(to)) fail(`dev token ${token.symbol}: ${to} is not an address`);
  }
}

function checkSource(source: ContractSource, what: string, fail: (message: string) => never): void {
  if (typeof source === "string") {
    if (!isAddress(source)) fail(`${what}: ${source} is not an address`);
    getAddress(source);
  } else if (!isHexString(source.bytecode) || source.bytecode.length <= 2) {
    fail(`${what}: artifact has no bytecode`);
  }
}
