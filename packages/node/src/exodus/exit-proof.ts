/**
 * An exit proof for one account and token in a state: the exit circuit's witness from the state's Merkle paths
 * (@zklite/circuits), the Groth16 proof with the key set's exit key (@zklite/prover: the native prover when built,
 * else snarkjs), and the claim `performExodus` takes with it.
 */
import { buildExitWitness, MAX_FUNGIBLE_TOKEN_ID, type ExitStatement } from "@zklite/circuits";
import { calculateWitness, defaultEngine, type KeySetCircuit, type ProverEngine } from "@zklite/prover";
import { groth16SolidityProof, isZkLiteError, type SolidityProof } from "@zklite/protocol";
import type { RollupState } from "@zklite/state";
import { ExodusError } from "./errors.js";

/** What `performExodus` takes besides the stored block and the proof: the exit statement without its root. */
export type ExitClaim = Omit<ExitStatement, "root">;

export interface ProvenExit {
  readonly claim: ExitClaim;
  readonly proof: SolidityProof;
  /** The state root the proof is against. */
  readonly root: bigint;
  readonly proveSeconds: number;
}

export async function proveExit(state: RollupState, accountId: number, tokenId: number, circuit: KeySetCircuit, engine: ProverEngine = defaultEngine()): Promise<ProvenExit> {
  if (state.account(accountId) === undefined) throw new ExodusError("EXODUS_BAD_INPUT", `account ${accountId} does not exist in the restored state`);
  const nft = tokenId > MAX_FUNGIBLE_TOKEN_ID ? state.nft(tokenId) : undefined;
  if (state.balance(accountId, tokenId) === 0n) {
    throw new ExodusError("EXODUS_NOTHING_TO_CLAIM", `account ${accountId} holds no ${tokenId > MAX_FUNGIBLE_TOKEN_ID ? "NFT" : "balance of token"} ${tokenId} in the last executed state`);
  }
  let witness;
  try {
    witness = buildExitWitness(state.tree, accountId, tokenId, nft);
  } catch (error) {
    if (isZkLiteError(error)) throw new ExodusError("EXODUS_BAD_INPUT", `${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
  const started = performance.now();
  const wtns = await calculateWitness(circuit.wasmPath, witness.input);
  const { proof } = await engine.prove(circuit.zkeyPath, wtns);
  const { root, ...claim } = witness.statement;
  return {
    claim,
    proof: groth16SolidityProof(proof),
    root,
    proveSeconds: (performance.now() - started) / 1000,
  };
}
