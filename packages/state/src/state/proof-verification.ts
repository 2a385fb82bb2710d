import { rootFromAuditPath } from "../tree/audit-path.js";
import { accountLeafHash } from "./leaf-encoding.js";
import type { AccountProof, BalanceProof } from "./state-tree.js";

/** True when the account fields hash to the proven leaf and the path leads to `stateRoot`. */
export function verifyAccountProof(proof: AccountProof, stateRoot: bigint): boolean {
  if (proof.accountPath.index !== proof.accountId) return false;
  if (accountLeafHash(proof) !== proof.accountPath.leaf) return false;
  return rootFromAuditPath(proof.accountPath) === stateRoot;
}

/** Balance path → balance root → account leaf → state root. */
export function verifyBalanceProof(proof: BalanceProof, stateRoot: bigint): boolean {
  if (proof.balancePath.index !== proof.tokenId || proof.balancePath.leaf !== proof.balance) return false;
  if (rootFromAuditPath(proof.balancePath) !== proof.balanceRoot) return false;
  return verifyAccountProof(proof, stateRoot);
}
