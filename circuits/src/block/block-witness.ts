import { ZkLiteError } from "@zklite/crypto-wasm";
import { bytesToBitsMsbFirst } from "@zklite/crypto-wasm/ts";
import { blockCommitment, encodeBlockPubdata, maskCommitment } from "@zklite/protocol";
import { hex160ToBigInt, isProcessableToken, PROCESSABLE_TOKEN_DEPTH, type AuditPath, type BalanceProof, type StateTree } from "@zklite/state";
import { writableTree } from "@zklite/state/internal";
import { dummySignatureSlot, signatureWitness, txMessageFields } from "../signature/index.js";
import type { CircuitInput } from "../circuit-input.js";
import type { BlockCircuitParameters } from "./block-circuit-parameters.js";
import { argVector } from "./chunk-args.js";
import { digestPacked, extendedLaneInputs, type ExtendedTouch } from "./extended-lanes.js";
import { planOperation, type BlockOperation, type ChunkPlan } from "./operation-plans.js";
import { stepVector } from "./steps.js";

export interface BlockWitnessRequest {
  readonly blockNumber: number;
  readonly feeAccountId: number;
  readonly timestamp: number;
  /** The block's operations in order (with the alignment Noops @zklite/state inserted), without padding. */
  readonly operations: readonly BlockOperation[];
}

export interface BlockWitness {
  readonly input: CircuitInput;
  readonly oldRoot: bigint;
  readonly newRoot: bigint;
  readonly publicData: Uint8Array;
  /** The circuit's only public signal: the block commitment masked to 253 bits. */
  readonly publicInput: bigint;
}

/**
 * Builds the block circuit's input for `request` from `tree`, the state the block starts from. The
 * operations are replayed chunk by chunk on the tree (each chunk's audit path is taken before its change;
 * chunks on extended balances also get their lane's path after it) and the fees credited through the fee
 * slots; the tree is restored before returning.
 */
export function buildBlockWitness(tree: StateTree, request: BlockWitnessRequest, parameters: BlockCircuitParameters): BlockWitness {
  if (tree.accountTreeDepth !== parameters.accountDepth || tree.balanceTreeDepth !== parameters.balanceDepth) {
    throw new ZkLiteError("TREE_DEPTH_MISMATCH", "the state tree's depths differ from the circuit's");
  }
  const ops = request.operations.map((entry) => entry.op);
  const publicData = encodeBlockPubdata(ops, parameters.chunks);
  const oldRoot = tree.root();
  // the one write outside the executor: the replay below, undone before returning
  const writable = writableTree(tree);
  const checkpoint = writable.checkpoint();
  try {
    const chunks: ChunkPlan[] = [];
    const leaves: BalanceProof[] = [];
    const extended: ExtendedTouch[] = [];
    for (const entry of request.operations) {
      for (const plan of planOperation(entry, tree, parameters)) {
        const touch = plan.touch ?? { accountId: 0, tokenId: 0 };
        const before = tree.balanceProof(touch.accountId, touch.tokenId);
        leaves.push(before);
        touch.apply?.(writable);
        if (!isProcessableToken(touch.tokenId)) {
          const after = tree.balanceProof(touch.accountId, touch.tokenId);
          extended.push({ chunk: chunks.length, before, after, digestPacked: digestPacked(plan) });
        }
        chunks.push(plan);
      }
    }
    while (chunks.length < parameters.chunks) {
      const [noop] = planOperation({ op: { type: "Noop" } }, tree, parameters) as [ChunkPlan];
      leaves.push(tree.balanceProof(0, 0));
      chunks.push(noop);
    }
    if (chunks.length > parameters.chunks) {
      throw new ZkLiteError("BLOCK_TOO_BIG", `the operations need ${chunks.length} chunks; the circuit has ${parameters.chunks}`);
    }
    const fees = assignFeeSlots(chunks, parameters.feeSlots);
    const feeLeaves = fees.slots.map((slot) => {
      const proof = tree.balanceProof(request.feeAccountId, slot.token);
      writable.setBalance(request.feeAccountId, slot.token, proof.balance + slot.amount);
      return proof;
    });
    const newRoot = tree.root();

    const commitment = blockCommitment({
      blockNumber: request.blockNumber,
      feeAccount: request.feeAccountId,
      oldStateRoot: oldRoot,
      newStateRoot: newRoot,
      timestamp: request.timestamp,
      publicData,
    });
    const input: CircuitInput = {
      oldRoot,
      blockNumber: BigInt(request.blockNumber),
      feeAccountId: BigInt(request.feeAccountId),
      timestamp: BigInt(request.timestamp),
      pubdataBits: Array.from(bytesToBitsMsbFirst(publicData), BigInt),
      step: chunks.map((plan) => stepVector(plan.type, plan.chunk)),
      args: chunks.map((plan) => argVector(plan.args)),
      ...leafInputs(leaves, ""),
      ...pairServiceInputs(chunks),
      ...extendedLaneInputs(chunks.length, extended, parameters.extendedLanes, parameters.balanceDepth),
      feeSlotOf: fees.slotOf,
      feeToken: fees.slots.map((slot) => BigInt(slot.token)),
      ...leafInputs(feeLeaves, "fee"),
    };
    return { input, oldRoot, newRoot, publicData, publicInput: maskCommitment(commitment) };
  } finally {
    writable.revertTo(checkpoint);
  }
}

interface FeeSlots {
  readonly slots: { token: number; amount: bigint }[];
  readonly slotOf: bigint[][];
}

/** One slot per distinct fee token, in order of first use; unused slots credit 0 of token 0. */
function assignFeeSlots(chunks: readonly ChunkPlan[], slotCount: number): FeeSlots {
  const slots: { token: number; amount: bigint }[] = [];
  const slotOf = chunks.map((plan) => {
    const row = new Array<bigint>(slotCount).fill(0n);
    if (plan.fee === undefined || plan.fee.amount === 0n) return row;
    let index = slots.findIndex((slot) => slot.token === plan.fee?.token);
    if (index < 0) {
      if (slots.length === slotCount) {
        throw new ZkLiteError("TOO_MANY_FEE_TOKENS", `the block pays fees in more than ${slotCount} tokens (the circuit's fee slots)`);
      }
      index = slots.push({ token: plan.fee.token, amount: 0n }) - 1;
    }
    (slots[index] as { amount: bigint }).amount += plan.fee.amount;
    row[index] = 1n;
    return row;
  });
  while (slots.length < slotCount) slots.push({ token: 0, amount: 0n });
  return { slots, slotOf };
}

function leafInputs(proofs: readonly BalanceProof[], prefix: "" | "fee"): CircuitInput {
  const name = (field: string): string => (prefix === "" ? field : `${prefix}${field[0]?.toUpperCase()}${field.slice(1)}`);
  const inputs: Record<string, bigint[] | bigint[][][]> = {
    [name("oldNonce")]: proofs.map((proof) => BigInt(proof.nonce)),
    [name("oldPubKeyHash")]: proofs.map((proof) => hex160ToBigInt(proof.pubKeyHash)),
    [name("oldAddress")]: proofs.map((proof) => hex160ToBigInt(proof.address)),
    [name("oldBalance")]: proofs.map((proof) => proof.balance),
    [name("accountSiblings")]: proofs.map((proof) => siblings(proof.accountPath)),
    [name("processableSiblings")]: proofs.map((proof) => (isProcessableToken(proof.tokenId) ? siblings(proof.balancePath) : ZERO_PROCESSABLE_PATH)),
  };
  if (prefix === "") {
    inputs.accountIndex = proofs.map((proof) => BigInt(proof.accountId));
    inputs.tokenIndex = proofs.map((proof) => BigInt(proof.tokenId));
    // the root of the account's other balance tree, which the chunk's leaf update takes as it is
    inputs.otherRoot = proofs.map((proof) => (isProcessableToken(proof.tokenId) ? proof.extendedRoot : proof.processableRoot));
  } else {
    inputs.feeExtendedRoot = proofs.map((proof) => proof.extendedRoot);
  }
  return inputs;
}

const ZERO_PROCESSABLE_PATH = Array.from({ length: PROCESSABLE_TOKEN_DEPTH / 2 }, () => [0n, 0n, 0n]);

/** Each pair's services get the claim of the chunk that makes it, or a valid dummy. */
function pairServiceInputs(chunks: readonly ChunkPlan[]): CircuitInput {
  const pairs = chunks.length / 2;
  const dummy = dummySignatureSlot();
  const inputs = {
    signatureMessage: [] as bigint[][],
    signaturePkx: [] as bigint[],
    signaturePky: [] as bigint[],
    signatureRx: [] as bigint[],
    signatureRy: [] as bigint[],
    signatureS: [] as bigint[],
    ordersHashInputs: [] as bigint[][],
    priceLow: [] as bigint[],
    priceHigh: [] as bigint[],
  };
  for (let p = 0; p < pairs; p++) {
    const claims = [chunks[2 * p], chunks[2 * p + 1]].map((plan) => plan?.claims ?? {});
    const signed = claims.find((claim) => claim.signature !== undefined)?.signature;
    const signature = signed === undefined ? dummy : { msg: txMessageFields(signed.message), ...signatureWitness(signed.signature) };
    inputs.signatureMessage.push([...signature.msg]);
    inputs.signaturePkx.push(signature.pkx);
    inputs.signaturePky.push(signature.pky);
    inputs.signatureRx.push(signature.rx);
    inputs.signatureRy.push(signature.ry);
    inputs.signatureS.push(signature.s);
    inputs.ordersHashInputs.push([...(claims.find((claim) => claim.ordersHashInputs !== undefined)?.ordersHashInputs ?? [0n, 0n, 0n, 0n, 0n, 0n])]);
    const price = claims.find((claim) => claim.price !== undefined)?.price ?? [0n, 0n];
    inputs.priceLow.push(price[0]);
    inputs.priceHigh.push(price[1]);
  }
  return inputs;
}

function siblings(path: AuditPath): bigint[][] {
  return path.siblings.map((level) => [...level]);
}
