import { ZkLiteError } from "@zklite/crypto-wasm";
import { hex160ToBigInt, type AuditPath, type StateTree } from "@zklite/state";
import type { ExitStatement } from "./exit-statement.js";
import type { CircuitInput } from "../witness-calculator.js";

/** Highest fungible token id; larger ids are NFTs, which the exit circuit does not prove yet. */
export const MAX_FUNGIBLE_TOKEN_ID = 65_535;

const ZERO_ADDRESS = `0x${"0".repeat(40)}`;
const ZERO_HASH = `0x${"0".repeat(64)}`;

export interface ExitWitness {
  readonly statement: ExitStatement;
  /** Input signals of either form of the exit circuit. */
  readonly input: CircuitInput;
}

/** Builds the statement and the circuit input proving account `accountId`'s balance of `tokenId`. */
export function buildExitWitness(tree: StateTree, accountId: number, tokenId: number): ExitWitness {
  if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId > MAX_FUNGIBLE_TOKEN_ID) {
    throw new ZkLiteError("UNSUPPORTED_EXIT_TOKEN", `token ${tokenId}: the exit circuit proves fungible tokens (0..65535) only`);
  }
  if (!Number.isInteger(accountId) || accountId < 0 || accountId >= 2 ** tree.accountTreeDepth - 1) {
    throw new ZkLiteError("BAD_EXIT_ACCOUNT", `account ${accountId} cannot exit (out of range or the NFT storage account)`);
  }
  const proof = tree.balanceProof(accountId, tokenId);
  const statement: ExitStatement = {
    root: tree.root(),
    accountId,
    owner: proof.address.toLowerCase(),
    tokenId,
    amount: proof.balance,
    nftCreatorAccountId: 0,
    nftCreatorAddress: ZERO_ADDRESS,
    nftSerialId: 0,
    nftContentHash: ZERO_HASH,
  };
  const input: CircuitInput = {
    root: statement.root,
    accountId: BigInt(accountId),
    owner: hex160ToBigInt(proof.address),
    tokenId: BigInt(tokenId),
    amount: proof.balance,
    nftCreatorAccountId: 0n,
    nftCreatorAddress: 0n,
    nftSerialId: 0n,
    nftContentHashHigh: 0n,
    nftContentHashLow: 0n,
    nonce: BigInt(proof.nonce),
    pubKeyHash: hex160ToBigInt(proof.pubKeyHash),
    accountSiblings: siblingsOf(proof.accountPath),
    balanceSiblings: siblingsOf(proof.balancePath),
  };
  return { statement, input };
}

function siblingsOf(path: AuditPath): bigint[][] {
  return path.siblings.map((level) => [...level]);
}
