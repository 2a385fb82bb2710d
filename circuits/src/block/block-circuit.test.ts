import { beforeAll, describe, expect, it } from "vitest";
import { init } from "@zklite/crypto-wasm";
import { maskCommitment, serializeTx, type Operation, type Transfer, type Tx } from "@zklite/protocol";
import { extendedBalanceTouches } from "@zklite/state";
import { rescueHashOrders } from "@zklite/crypto-wasm";
import type { CompiledCircuit } from "../circom-compiler.js";
import { signatureWitness } from "../signature/signature-witness.js";
import { BlockScenario, OPERATION_KINDS, type OperationKind } from "../test-support/block-scenario.js";
import { signBytes, signTx, testKey } from "../test-support/zk-keys.js";
import { expectRejectedBy } from "../test-support/rejection.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";
import { compileBlockCircuit } from "./block-circuit.js";
import type { BlockCircuitParameters } from "./block-circuit-parameters.js";
import { buildBlockWitness, type BlockWitness, type BlockWitnessRequest } from "./block-witness.js";
import { ARG } from "./chunk-args.js";
import type { BlockOperation } from "./operation-plans.js";
import { operationChunks, stepVector } from "./steps.js";

const PARAMETERS: BlockCircuitParameters = { chunks: 16, accountDepth: 4, balanceDepth: 32, feeSlots: 2, extendedLanes: 6 };

interface WitnessedBlock {
  readonly request: BlockWitnessRequest;
  readonly witness: BlockWitness;
}

type Grid = bigint[][];

function clone(input: CircuitInput): Record<string, unknown> {
  return structuredClone(input) as Record<string, unknown>;
}

/** A packable amount (mantissa below 2^35) just above `balance`. */
function packableAbove(balance: bigint): bigint {
  const scale = 10n ** BigInt(Math.max(0, balance.toString().length - 10));
  return (balance / scale + 1n) * scale;
}

/** First chunk index of every operation of the block. */
function operationStarts(request: BlockWitnessRequest): { entry: BlockOperation; start: number }[] {
  let chunk = 0;
  return request.operations.map((entry) => {
    const start = chunk;
    chunk += operationChunks(entry.op.type);
    return { entry, start };
  });
}

describe("block circuit (16 chunks, depths 4/32, 2 fee slots)", () => {
  let circuit: CompiledCircuit;
  let scenario: BlockScenario;
  const witnessed: WitnessedBlock[] = [];

  beforeAll(async () => {
    await init();
    circuit = await compileBlockCircuit(PARAMETERS);
    scenario = new BlockScenario(PARAMETERS, 0x5eed);
  });

  async function publicOutput(input: CircuitInput): Promise<bigint> {
    const witness = await calculateWitness(circuit.wasmPath, input);
    return witness[1] as bigint;
  }

  it("accepts random blocks of every operation built from @zklite/state; the public input is the block's commitment", async () => {
    const covered = new Set<Operation["type"]>();
    const kindsUsed = new Set<OperationKind>();
    let extendedTouchesSeen = 0;
    const plans: (readonly OperationKind[])[] = [
      ["deposit"],
      ["changePubKey"],
      ["transfer", "batch", "changePubKey"],
      ["mintNFT", "transfer"],
      ["swap", "transfer"],
      ["withdrawNFT", "transfer", "mintNFT"],
      ["forcedExit", "withdraw", "deposit"],
      ["fullExit", "transfer"],
      OPERATION_KINDS,
    ];
    const runBlock = async (kinds: readonly OperationKind[]): Promise<void> => {
      const block = scenario.randomBlock(kinds);
      const witness = buildBlockWitness(scenario.state.tree, block.request, PARAMETERS);
      expect(await publicOutput(witness.input)).toBe(witness.publicInput);
      // the executor's bound on extended balances counts exactly the chunks that claim a lane
      const claimed = (witness.input.laneClaim as Grid).filter((row) => row.includes(1n)).length;
      const depths = { accountTreeDepth: PARAMETERS.accountDepth, balanceTreeDepth: PARAMETERS.balanceDepth };
      expect(claimed).toBe(block.request.operations.reduce((sum, { op }) => sum + extendedBalanceTouches(op, depths), 0));
      extendedTouchesSeen += claimed;
      const sealed = block.commit();
      expect(witness.oldRoot).toBe(sealed.oldStateRoot);
      expect(witness.newRoot).toBe(sealed.newStateRoot);
      expect(witness.publicInput).toBe(maskCommitment(sealed.commitment));
      for (const { op } of block.request.operations) covered.add(op.type);
      for (const kind of block.kinds) kindsUsed.add(kind);
      witnessed.push({ request: block.request, witness });
    };
    for (const kinds of plans) await runBlock(kinds);
    // random choices may have missed a kind: give the missing ones a few more blocks (a WithdrawNFT needs
    // an NFT held by a keyed account, and a block's extended lanes leave room for one MintNFT at a time)
    for (let extra = 0; extra < 6 && kindsUsed.size < OPERATION_KINDS.length; extra++) {
      const missing = OPERATION_KINDS.filter((kind) => !kindsUsed.has(kind));
      await runBlock(missing.includes("withdrawNFT") ? [...missing, "mintNFT"] : missing);
    }
    expect([...kindsUsed].sort()).toEqual([...OPERATION_KINDS].sort());
    expect(extendedTouchesSeen, "chunks on extended balances (NFTs) in the random blocks").toBeGreaterThan(0);
    for (const type of ["Deposit", "Transfer", "TransferToNew", "Withdraw", "ChangePubKey", "ForcedExit", "FullExit", "MintNFT", "WithdrawNFT", "Swap", "Noop"] as const) {
      expect(covered, `a block with ${type}`).toContain(type);
    }
  });

  it("rejects per operation: a tampered signature, a valid signature by another key, a flipped pubdata bit, changed data in a later chunk, broken chunking", async () => {
    const tested = new Set<string>();
    for (const { request, witness } of witnessed) {
      for (const { entry, start } of operationStarts(request)) {
        const type = entry.op.type;
        if (tested.has(type) || type === "Noop") continue;
        tested.add(type);
        const chunks = operationChunks(type);

        const flipped = clone(witness.input);
        const bits = flipped.pubdataBits as bigint[];
        const bit = 80 * (start + chunks - 1) + 79 - ((start * 7) % 80);
        bits[bit] = 1n - (bits[bit] as bigint);
        await expectRejectedBy(circuit.wasmPath, flipped as CircuitInput, "chunkValue === expectedChunk", `${type}: pubdata bit`);

        if (chunks > 1) {
          const changed = clone(witness.input);
          const args = changed.args as Grid;
          (args[start + 1] as bigint[])[ARG.A0] = ((args[start + 1] as bigint[])[ARG.A0] as bigint) ^ 1n;
          await expectRejectedBy(circuit.wasmPath, changed as CircuitInput, "argsChange[i][a] === 0", `${type}: data of chunk 1`);

          const broken = clone(witness.input);
          (broken.step as Grid)[start + 1] = stepVector("Noop", 0);
          await expectRejectedBy(circuit.wasmPath, broken as CircuitInput, "step[i][first + k] === step[i - 1][first + k - 1]", `${type}: chunking`);
        }

        if (entry.tx !== undefined) {
          const pair = Math.floor(start / 2);
          const tampered = clone(witness.input);
          const s = tampered.signatureS as bigint[];
          s[pair] = (s[pair] as bigint) + 1n;
          await expectRejectedBy(circuit.wasmPath, tampered as CircuitInput, "sG[0] === rPlusCA.xout", `${type}: tampered signature`);

          const other = signatureWitness(signBytes(testKey(new Uint8Array(32).fill(7)), serializeTx(entry.tx, rescueHashOrders)));
          const wrongSigner = clone(witness.input);
          for (const [name, value] of Object.entries(other)) (wrongSigner[`signature${name[0]?.toUpperCase()}${name.slice(1)}`] as bigint[])[pair] = value;
          await expectRejectedBy(circuit.wasmPath, wrongSigner as CircuitInput, "bindSignature[i][3] === 0", `${type}: wrong signer`);
        }
      }
    }
    expect(tested.size).toBeGreaterThanOrEqual(10);
  });

  it("rejects a wrong old root and a changed fee credit (a wrong new root)", async () => {
    const { witness } = witnessed[witnessed.length - 1] as WitnessedBlock;
    const oldRoot = clone(witness.input);
    oldRoot.oldRoot = (oldRoot.oldRoot as bigint) + 1n;
    await expectRejectedBy(circuit.wasmPath, oldRoot as CircuitInput, "leaf.rootBefore === rootBefore", "old root");
    const feeBalance = clone(witness.input);
    (feeBalance.feeOldBalance as bigint[])[0] = ((feeBalance.feeOldBalance as bigint[])[0] as bigint) + 1n;
    await expectRejectedBy(circuit.wasmPath, feeBalance as CircuitInput, "leaf.rootBefore === rootBefore", "fee account balance");
    const feeSlot = clone(witness.input);
    const slots = feeSlot.feeSlotOf as Grid;
    const paying = slots.findIndex((row) => row.includes(1n));
    if (paying >= 0) {
      slots[paying] = (slots[paying] as bigint[]).map(() => 0n);
      await expectRejectedBy(circuit.wasmPath, feeSlot as CircuitInput, "slotsTaken === chunk[i].feePaid", "unassigned fee");
    }
  });

  it("rejects a chunk on an extended balance without its lane, or with a lane whose balance, path or root differs", async () => {
    const found = witnessed.find(({ witness }) => (witness.input.laneClaim as Grid).some((row) => row.includes(1n)));
    if (found === undefined) throw new Error("no random block touched an extended balance");
    const input = found.witness.input;
    const claims = input.laneClaim as Grid;
    const chunk = claims.findIndex((row) => row.includes(1n));
    const lane = (claims[chunk] as bigint[]).indexOf(1n);
    const processableChunk = claims.findIndex((row) => !row.includes(1n));
    const bound = "laneBind[i][l][v] === 0";

    const unclaimed = clone(input);
    (unclaimed.laneClaim as Grid)[chunk] = (claims[chunk] as bigint[]).map(() => 0n);
    await expectRejectedBy(circuit.wasmPath, unclaimed as CircuitInput, "claims === chunk[i].extended", "extended chunk without a lane");

    const claimedByProcessable = clone(input);
    ((claimedByProcessable.laneClaim as Grid)[processableChunk] as bigint[])[lane] = 1n;
    // its values differ from the lane's, so the binding fails before the claim count
    await expectRejectedBy(circuit.wasmPath, claimedByProcessable as CircuitInput, bound, "processable chunk claiming a lane");

    const newBalance = clone(input);
    (newBalance.laneNewBalance as bigint[])[lane] = ((newBalance.laneNewBalance as bigint[])[lane] as bigint) + 1n;
    await expectRejectedBy(circuit.wasmPath, newBalance as CircuitInput, bound, "lane's new balance");

    const sibling = clone(input);
    const siblings = (sibling.laneSiblings as bigint[][][])[lane] as bigint[][];
    (siblings[3] as bigint[])[1] = ((siblings[3] as bigint[])[1] as bigint) + 1n;
    await expectRejectedBy(circuit.wasmPath, sibling as CircuitInput, bound, "lane's path");

    // the chunk's account leaf is hashed with the lane's extended root: another root breaks the root chain
    const oldRoot = clone(input);
    (oldRoot.laneOldRoot as bigint[])[chunk] = ((oldRoot.laneOldRoot as bigint[])[chunk] as bigint) + 1n;
    await expectRejectedBy(circuit.wasmPath, oldRoot as CircuitInput, "leaf.rootBefore === rootBefore", "chunk's extended root before");

    const otherLane = clone(input);
    const row = (otherLane.laneClaim as Grid)[chunk] as bigint[];
    row[lane] = 0n;
    row[lane === PARAMETERS.extendedLanes - 1 ? 0 : PARAMETERS.extendedLanes - 1] = 1n;
    await expectRejectedBy(circuit.wasmPath, otherLane as CircuitInput, bound, "another (unused) lane");
  });

  describe("crafted invalid transactions (re-signed, so only the broken rule fails)", () => {
    function keyedSender(): { id: number; address: string; nonce: number; token: number; balance: bigint } {
      const tree = scenario.state.tree;
      for (const id of tree.accountIds()) {
        const account = tree.account(id);
        const balance = tree.balance(id, 0);
        if (account !== undefined && scenario.keyOf(id) !== undefined && balance > 10n) return { id, address: account.address, nonce: account.nonce, token: 0, balance };
      }
      throw new Error("no funded keyed account");
    }

    function transferFrom(sender: ReturnType<typeof keyedSender>, fields: Partial<Transfer>): Transfer {
      const recipient = [...scenario.state.tree.accountIds()].find((id) => id !== sender.id && id !== 2 ** PARAMETERS.accountDepth - 1) as number;
      const tx: Transfer = {
        type: "Transfer",
        accountId: sender.id,
        from: sender.address,
        to: scenario.state.tree.account(recipient)?.address as string,
        token: 0,
        amount: 1n,
        fee: 0n,
        nonce: sender.nonce,
        validFrom: 0,
        validUntil: 2 ** 32 - 1,
        ...fields,
      };
      return signTx(scenario.keyOf(sender.id) as NonNullable<ReturnType<BlockScenario["keyOf"]>>, tx);
    }

    function witnessFor(tx: Tx, op: Operation, timestamp = 1_800_000_000): BlockWitness {
      return buildBlockWitness(scenario.state.tree, { blockNumber: 99, feeAccountId: 0, timestamp, operations: [{ op, tx }] }, PARAMETERS);
    }

    function transferOp(tx: Transfer): Operation {
      const toId = scenario.state.tree.accountIdByAddress(tx.to) as number;
      return { type: "Transfer", fromId: tx.accountId, token: tx.token, toId, amount: tx.amount, fee: tx.fee };
    }

    it("accepts the unbroken crafted transfer (control)", async () => {
      const tx = transferFrom(keyedSender(), {});
      const witness = witnessFor(tx, transferOp(tx));
      expect(await publicOutput(witness.input)).toBe(witness.publicInput);
    });

    it("rejects a wrong nonce, an overdraft, an expired or not yet valid transaction, an overflowing deposit", async () => {
      const sender = keyedSender();
      const cases: [string, Transfer, string, number?][] = [
        ["nonce", transferFrom(sender, { nonce: sender.nonce + 1 }), "sSignedTx * (oldNonce - args[ARG_N0()]) === 0"],
        ["balance", transferFrom(sender, { amount: packableAbove(sender.balance), fee: 0n }), "newBalanceRange.in <== newBalance"],
        ["expired", transferFrom(sender, { validUntil: 1_700_000_000 }), "(1 - notAfter.out[64]) === 0", 1_800_000_000],
        ["not yet valid", transferFrom(sender, { validFrom: 1_900_000_000 }), "(1 - notBefore.out[64]) === 0", 1_800_000_000],
      ];
      for (const [what, tx, rule, timestamp] of cases) {
        await expectRejectedBy(circuit.wasmPath, witnessFor(tx, transferOp(tx), timestamp).input, rule, what);
      }
      const overflow = buildBlockWitness(
        scenario.state.tree,
        { blockNumber: 99, feeAccountId: 0, timestamp: 1_800_000_000, operations: [{ op: { type: "Deposit", accountId: sender.id, token: 0, amount: 2n ** 128n - 1n, to: sender.address } }] },
        PARAMETERS,
      );
      await expectRejectedBy(circuit.wasmPath, overflow.input, "newBalanceRange.in <== newBalance", "overflow");
    });

    it("rejects a fee token that is not processable", async () => {
      const sender = keyedSender();
      const key = scenario.keyOf(sender.id) as NonNullable<ReturnType<BlockScenario["keyOf"]>>;
      const tx = signTx(key, {
        type: "ChangePubKey",
        accountId: sender.id,
        account: sender.address,
        newPkHash: key.pubKeyHash,
        feeToken: 2000,
        fee: 0n,
        nonce: sender.nonce,
        validFrom: 0,
        validUntil: 2 ** 32 - 1,
        ethAuthData: { type: "Onchain" },
      } as Tx);
      const op: Operation = { type: "ChangePubKey", accountId: sender.id, newPkHash: key.pubKeyHash, account: sender.address, nonce: sender.nonce, feeToken: 2000, fee: 0n };
      await expectRejectedBy(circuit.wasmPath, witnessFor(tx, op).input, "(1 - tokens.t0Processable) === 0", "fee token 2000");
    });
  });
});
