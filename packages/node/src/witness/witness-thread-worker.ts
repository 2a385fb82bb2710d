// The witness thread (worker_threads): holds its own replica of the rollup state, at the block before the one it
// witnesses, so witness building never runs on the node's event loop nor touches the state keeper's tree.
import { parentPort } from "node:worker_threads";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { buildBlockWitness } from "@zklite/circuits/witness";
import { initPoseidon, RollupState, type StateDiff } from "@zklite/state";
import { ZkLiteError } from "@zklite/protocol";
import { circuitInputJson } from "./circuit-input-json.js";
import type { StoredBlock } from "./stored-block.js";
import type { WitnessThreadReply, WitnessThreadRequest } from "./witness-thread-messages.js";

const port = parentPort;
if (port === null) throw new Error("witness-thread-worker runs in a worker thread");

let replica: RollupState | undefined;
const ready = Promise.all([initCrypto(), initPoseidon()]);

const rootHex = (root: bigint): string => `0x${root.toString(16).padStart(64, "0")}`;
const corrupt = (message: string): ZkLiteError => new ZkLiteError("STATE_CORRUPT", message);

/** The block's `StateDiff`: accounts are allocated in order, so the allocator follows the highest id created. */
function diffOf(state: RollupState, block: StoredBlock): StateDiff {
  const created = block.accounts.filter((account) => account.created).map((account) => account.accountId);
  return { accounts: block.accounts, nfts: block.nfts, nextAccountId: created.length > 0 ? Math.max(...created) + 1 : state.nextAccountId };
}

function advance(state: RollupState, block: StoredBlock): void {
  state.applyDiff(diffOf(state, block));
  if (rootHex(state.root) !== block.newStateRoot) throw corrupt(`block ${block.blockNumber}: the replica reaches ${rootHex(state.root)}, the block stored ${block.newStateRoot}`);
}

function handle(request: WitnessThreadRequest): string {
  if (request.kind === "init") {
    const { snapshot } = request;
    replica = RollupState.fromSnapshot(snapshot, { accountTreeDepth: snapshot.accountTreeDepth, balanceTreeDepth: snapshot.balanceTreeDepth });
    if (rootHex(replica.root) !== request.expectedRoot) {
      throw corrupt(`the witness replica of block ${request.blockNumber} hashes to ${rootHex(replica.root)}, the chain recorded ${request.expectedRoot}`);
    }
    return "";
  }
  const state = replica;
  if (state === undefined) throw new ZkLiteError("NOT_INITIALIZED", "the witness thread has no state");
  const { block } = request;
  if (rootHex(state.root) !== block.oldStateRoot) throw corrupt(`block ${block.blockNumber} starts from ${block.oldStateRoot}, the replica is at ${rootHex(state.root)}`);
  if (request.kind === "advance") {
    advance(state, block);
    return "";
  }
  const witness = buildBlockWitness(state.tree, block.request, request.parameters);
  if (witness.publicInput !== request.expectedPublicInput) throw corrupt(`block ${block.blockNumber}: the witness commits to another block than the stored one`);
  advance(state, block);
  if (rootHex(witness.newRoot) !== block.newStateRoot) throw corrupt(`block ${block.blockNumber}: the witness reaches ${rootHex(witness.newRoot)}, the block stored ${block.newStateRoot}`);
  return circuitInputJson(witness.input);
}

port.on("message", (request: WitnessThreadRequest) => {
  void ready.then(() => {
    let reply: WitnessThreadReply;
    try {
      reply = { id: request.id, ok: true, inputJson: handle(request) };
    } catch (error) {
      const code = error instanceof ZkLiteError ? error.code : "WITNESS_FAILED";
      reply = { id: request.id, ok: false, code, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
});
