import { rootFromAuditPath } from "../tree/audit-path.js";
import { accountLeafHash, isProcessableToken, PROCESSABLE_TOKEN_DEPTH } from "./leaf-encoding.js";
import type { AccountProof, BalanceProof, StateTreeOptions } from "./state-tree.js";

const PROCESSABLE_LEVELS = PROCESSABLE_TOKEN_DEPTH / 2;

/**
 * True when the account fields hash to the proven leaf and the path leads to `stateRoot`. With
 * `depths` (the state's tree geometry) the account path must also have exactly accountTreeDepth / 2
 * levels.
 */
export function verifyAccountProof(proof: AccountProof, stateRoot: bigint, depths?: StateTreeOptions): boolean {
  if (proof.accountPath.index !== proof.accountId) return false;
  if (depths !== undefined && proof.accountPath.siblings.length !== depths.accountTreeDepth / 2) return false;
  if (accountLeafHash(proof) !== proof.accountPath.leaf) return false;
  return rootFromAuditPath(proof.accountPath) === stateRoot;
}

/**
 * Balance path → the root of the tree that holds `tokenId` → account leaf → state root. Ids 0..1023
 * need a 5-level path to `processableRoot`; other ids a path to `extendedRoot` deeper than 5 levels
 * whose index range holds the token id, of exactly balanceTreeDepth / 2 levels when `depths` is given.
 *
 * Balance leaves are raw values, so a path cut short would fold an internal node of the extended tree
 * up to the right root as if it were the balance of a token id made of the node's index bits: pass
 * `depths` whenever a proof may come from someone else.
 */
export function verifyBalanceProof(proof: BalanceProof, stateRoot: bigint, depths?: StateTreeOptions): boolean {
  const { balancePath, tokenId } = proof;
  if (balancePath.index !== tokenId || balancePath.leaf !== proof.balance) return false;
  const levels = balancePath.siblings.length;
  let treeRoot: bigint;
  if (isProcessableToken(tokenId)) {
    if (levels !== PROCESSABLE_LEVELS) return false;
    treeRoot = proof.processableRoot;
  } else {
    if (!Number.isInteger(tokenId) || tokenId < 0 || levels <= PROCESSABLE_LEVELS || tokenId >= 4 ** levels) return false;
    if (depths !== undefined && levels !== depths.balanceTreeDepth / 2) return false;
    treeRoot = proof.extendedRoot;
  }
  if (rootFromAuditPath(balancePath) !== treeRoot) return false;
  return verifyAccountProof(proof, stateRoot, depths);
}
