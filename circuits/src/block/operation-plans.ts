import { rescueHashOrders, ZkLiteError } from "@zklite/crypto-wasm";
import { bytesToBitsMsbFirst, multipackBits } from "@zklite/crypto-wasm/ts";
import {
  MAX_TOKEN_ID,
  MIN_NFT_TOKEN_ID,
  NFT_TOKEN_ID,
  concatBytes,
  decodeUintBE,
  packAmount,
  packFee,
  serializeOrder,
  serializeTx,
  type Operation,
  type Order,
  type Tx,
  type TxSignature,
} from "@zklite/protocol";
import { FIELD_MODULUS, hex160ToBigInt, nftContentDigest, rescueNftTokenHash, type StateTree } from "@zklite/state";
import type { MutableStateTree } from "@zklite/state/internal";
import type { ChunkArgs } from "./chunk-args.js";
import { operationChunks, type CircuitOperationType } from "./steps.js";

/** An operation of the block with the signed transaction it came from (L2 operations only). */
export interface BlockOperation {
  readonly op: Operation;
  readonly tx?: Tx;
}

/** The leaf a chunk changes: `apply` performs the change on the tree, after its audit path was taken. */
export interface ChunkTouch {
  readonly accountId: number;
  readonly tokenId: number;
  readonly apply?: (tree: MutableStateTree) => void;
}

/** What a chunk asks its pair's services to check (circom/lib/block/pair_services.circom). */
export interface ChunkClaims {
  readonly signature?: { readonly message: Uint8Array; readonly signature: TxSignature };
  readonly digest?: readonly [bigint, bigint, bigint, bigint];
  readonly ordersHashInputs?: readonly bigint[];
  readonly price?: readonly [bigint, bigint];
}

export interface ChunkPlan {
  readonly type: CircuitOperationType;
  readonly chunk: number;
  readonly args: ChunkArgs;
  /** Undefined for chunks that change nothing. */
  readonly touch?: ChunkTouch;
  readonly claims: ChunkClaims;
  /** The fee this chunk pays into the block's fee slots (first chunks of fee-paying transactions). */
  readonly fee?: { readonly token: number; readonly amount: bigint };
}

interface TreeGeometry {
  readonly accountDepth: number;
  readonly balanceDepth: number;
}

/**
 * The chunks of one operation, with the arguments, leaf changes and service claims the block circuit
 * expects (the rules are written out in circom/lib/block/chunk.circom). `tree` is the state just before the
 * operation; values the operation reads from it (NFT serial and token ids, maker A's key) are read here.
 */
export function planOperation(entry: BlockOperation, tree: StateTree, geometry: TreeGeometry): ChunkPlan[] {
  const { op } = entry;
  const storage = 2 ** geometry.accountDepth - 1;
  const plan = (args: ChunkArgs, chunks: Partial<Record<number, { touch?: ChunkTouch; claims?: ChunkClaims }>>, fee?: ChunkPlan["fee"]): ChunkPlan[] =>
    Array.from({ length: operationChunks(op.type) }, (_, chunk) => ({
      type: op.type,
      chunk,
      args,
      touch: chunks[chunk]?.touch,
      claims: chunks[chunk]?.claims ?? {},
      fee: chunk === 0 ? fee : undefined,
    }));

  switch (op.type) {
    case "Noop":
      return plan({}, {});
    case "Deposit":
      return plan(
        { A0: big(op.accountId), T0: big(op.token), AMT0: op.amount, ADDR0: address(op.to) },
        {
          0: {
            touch: {
              accountId: op.accountId,
              tokenId: op.token,
              apply: (t) => {
                if (t.account(op.accountId) === undefined) t.createAccount(op.accountId, op.to);
                t.setBalance(op.accountId, op.token, t.balance(op.accountId, op.token) + op.amount);
              },
            },
          },
        },
      );
    case "Transfer":
    case "TransferToNew": {
      const tx = signedTx(entry, "Transfer");
      const isNew = op.type === "TransferToNew";
      return plan(
        {
          A0: big(op.fromId),
          A1: big(op.toId),
          T0: big(op.token),
          AMT0: op.amount,
          ...packedAmount(op.amount, "0"),
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          ADDR0: address(tx.from),
          ADDR1: address(tx.to),
          ...range0(tx),
        },
        {
          0: { touch: debitAndBump(op.fromId, op.token, op.amount + op.fee), claims: { signature: txSignature(tx) } },
          1: {
            touch: {
              accountId: op.toId,
              tokenId: op.token,
              apply: (t) => {
                if (isNew) t.createAccount(op.toId, tx.to);
                t.setBalance(op.toId, op.token, t.balance(op.toId, op.token) + op.amount);
              },
            },
          },
        },
        { token: op.token, amount: op.fee },
      );
    }
    case "Withdraw": {
      const tx = signedTx(entry, "Withdraw");
      return plan(
        {
          A0: big(op.accountId),
          T0: big(op.token),
          AMT0: op.amount,
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          ADDR0: address(tx.from),
          ADDR1: address(op.to),
          ...range0(tx),
        },
        { 0: { touch: debitAndBump(op.accountId, op.token, op.amount + op.fee), claims: { signature: txSignature(tx) } } },
        { token: op.token, amount: op.fee },
      );
    }
    case "ChangePubKey": {
      const tx = signedTx(entry, "ChangePubKey");
      const bump = debitAndBump(op.accountId, op.feeToken, op.fee);
      return plan(
        {
          A0: big(op.accountId),
          T0: big(op.feeToken),
          ...packedFee(op.fee),
          N0: big(op.nonce),
          ADDR0: address(op.account),
          PKH0: hex160ToBigInt(op.newPkHash),
          ...range0(tx),
        },
        {
          0: {
            touch: {
              ...bump,
              apply: (t) => {
                bump.apply?.(t);
                t.setPubKeyHash(op.accountId, op.newPkHash);
              },
            },
            claims: { signature: txSignature(tx) },
          },
        },
        { token: op.feeToken, amount: op.fee },
      );
    }
    case "ForcedExit": {
      const tx = signedTx(entry, "ForcedExit");
      return plan(
        {
          A0: big(op.initiatorId),
          A1: big(op.targetId),
          T0: big(op.token),
          AMT0: op.amount,
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          ADDR0: address(op.target),
          ...range0(tx),
        },
        {
          0: { touch: debitAndBump(op.initiatorId, op.token, op.fee), claims: { signature: txSignature(tx) } },
          1: { touch: { accountId: op.targetId, tokenId: op.token, apply: (t) => t.setBalance(op.targetId, op.token, 0n) } },
        },
        { token: op.token, amount: op.fee },
      );
    }
    case "FullExit": {
      const [contentHigh, contentLow] = contentHashHalves(op.nftContentHash);
      const args: ChunkArgs = {
        A0: big(op.accountId),
        A1: big(op.nftCreatorId),
        T0: big(op.token),
        AMT0: op.amount,
        ADDR0: address(op.owner),
        ADDR1: address(op.nftCreatorAddress),
        SERIAL: big(op.nftSerialId),
        CH_HI: contentHigh,
        CH_LO: contentLow,
      };
      const idsValid = op.accountId < 2 ** geometry.accountDepth && op.token <= MAX_TOKEN_ID && op.token < 2 ** geometry.balanceDepth;
      const isNft = op.amount !== 0n && op.token >= MIN_NFT_TOKEN_ID;
      return plan(args, {
        0: idsValid
          ? {
              touch: {
                accountId: op.accountId,
                tokenId: op.token,
                apply: (t) => {
                  if (op.amount !== 0n) t.setBalance(op.accountId, op.token, 0n);
                },
              },
            }
          : {},
        1: isNft ? { touch: { accountId: storage, tokenId: op.token }, claims: { digest: [args.A1 as bigint, args.SERIAL as bigint, contentHigh, contentLow] } } : {},
        2: isNft ? { touch: { accountId: op.nftCreatorId, tokenId: 0 } } : {},
      });
    }
    case "MintNFT": {
      const tx = signedTx(entry, "MintNFT");
      const serialId = tree.balance(op.creatorId, NFT_TOKEN_ID);
      const tokenId = Number(tree.balance(storage, NFT_TOKEN_ID));
      const digest = nftContentDigest(rescueNftTokenHash(op.creatorId, Number(serialId), op.contentHash));
      const [contentHigh, contentLow] = contentHashHalves(op.contentHash);
      return plan(
        {
          A0: big(op.creatorId),
          A1: big(op.recipientId),
          T0: big(op.feeToken),
          T1: big(tokenId),
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          ADDR0: address(tx.creatorAddress),
          ADDR1: address(tx.recipient),
          CH_HI: contentHigh,
          CH_LO: contentLow,
          SERIAL: serialId,
        },
        {
          0: { touch: debitAndBump(op.creatorId, op.feeToken, op.fee), claims: { signature: txSignature(tx) } },
          1: { touch: credit(op.creatorId, NFT_TOKEN_ID, 1n) },
          2: { touch: credit(storage, NFT_TOKEN_ID, 1n) },
          3: {
            touch: { accountId: storage, tokenId, apply: (t) => t.setBalance(storage, tokenId, digest) },
            claims: { digest: [big(op.creatorId), serialId, contentHigh, contentLow] },
          },
          4: { touch: credit(op.recipientId, tokenId, 1n) },
        },
        { token: op.feeToken, amount: op.fee },
      );
    }
    case "WithdrawNFT": {
      const tx = signedTx(entry, "WithdrawNFT");
      const [contentHigh, contentLow] = contentHashHalves(op.contentHash);
      return plan(
        {
          A0: big(op.accountId),
          A1: big(op.creatorId),
          T0: big(op.feeToken),
          T1: big(op.token),
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          ADDR0: address(tx.from),
          ADDR1: address(op.to),
          ADDR2: address(op.creatorAddress),
          SERIAL: big(op.serialId),
          CH_HI: contentHigh,
          CH_LO: contentLow,
          ...range0(tx),
        },
        {
          0: { touch: debitAndBump(op.accountId, op.feeToken, op.fee), claims: { signature: txSignature(tx) } },
          1: { touch: { accountId: op.accountId, tokenId: op.token, apply: (t) => t.setBalance(op.accountId, op.token, 0n) } },
          2: { touch: { accountId: storage, tokenId: op.token }, claims: { digest: [big(op.creatorId), big(op.serialId), contentHigh, contentLow] } },
          3: { touch: { accountId: op.creatorId, tokenId: 0 } },
        },
        { token: op.feeToken, amount: op.fee },
      );
    }
    case "Swap": {
      const tx = signedTx(entry, "Swap");
      const [orderA, orderB] = tx.orders;
      const makerA = tree.account(op.accountA);
      if (makerA === undefined) throw new ZkLiteError("INVALID_BLOCK_OPERATION", `swap maker account ${op.accountA} does not exist`);
      const maskA = BigInt(op.nonceMask & 1);
      const maskB = BigInt((op.nonceMask >> 1) & 1);
      const bumpA = maskA === 1n && op.accountA !== op.submitterId;
      const bumpB = maskB === 1n && op.accountB !== op.submitterId;
      const ordersBytes = concatBytes(serializeOrder(orderA), serializeOrder(orderB));
      return plan(
        {
          A0: big(op.submitterId),
          A1: big(op.accountA),
          A2: big(op.accountB),
          A3: big(op.recipientA),
          A4: big(op.recipientB),
          T0: big(op.feeToken),
          T1: big(op.tokenA),
          T2: big(op.tokenB),
          AMT0: op.amountA,
          AMT1: op.amountB,
          ...packedAmount(op.amountA, "0"),
          ...packedAmount(op.amountB, "1"),
          ...packedFee(op.fee),
          N0: big(tx.nonce),
          N1: big(orderA.nonce),
          N2: big(orderB.nonce),
          ADDR0: address(tx.submitterAddress),
          ADDR1: address(orderA.recipient),
          ADDR2: address(orderB.recipient),
          PKH0: hex160ToBigInt(makerA.pubKeyHash),
          VF0: big(orderA.validFrom),
          VU0: big(orderA.validUntil),
          VF1: big(orderB.validFrom),
          VU1: big(orderB.validUntil),
          RA0: orderA.ratio[0],
          RA1: orderA.ratio[1],
          RB0: orderB.ratio[0],
          RB1: orderB.ratio[1],
          MASK_A: maskA,
          MASK_B: maskB,
        },
        {
          0: {
            touch: debitAndBump(op.submitterId, op.feeToken, op.fee),
            claims: {
              signature: { message: serializeTx(tx, rescueHashOrders), signature: requireSignature(tx.signature, "swap") },
              ordersHashInputs: multipackBits(bytesToBitsMsbFirst(ordersBytes)),
            },
          },
          1: {
            touch: debitAndBump(op.accountA, op.tokenA, op.amountA, bumpA),
            claims: { price: [op.amountA * orderA.ratio[1], op.amountB * orderA.ratio[0]] },
          },
          2: { touch: debitAndBump(op.accountB, op.tokenB, op.amountB, bumpB), claims: { signature: orderSignature(orderB) } },
          3: { touch: credit(op.recipientA, op.tokenB, op.amountB), claims: { price: [op.amountB * orderB.ratio[1], op.amountA * orderB.ratio[0]] } },
          4: { touch: credit(op.recipientB, op.tokenA, op.amountA), claims: { signature: orderSignature(orderA) } },
        },
        { token: op.feeToken, amount: op.fee },
      );
    }
  }
}

function debitAndBump(accountId: number, tokenId: number, amount: bigint, bumpNonce = true): ChunkTouch {
  return {
    accountId,
    tokenId,
    apply: (t) => {
      t.setBalance(accountId, tokenId, inField(t.balance(accountId, tokenId) - amount));
      if (bumpNonce) t.setNonce(accountId, (t.account(accountId)?.nonce ?? 0) + 1);
    },
  };
}

/**
 * Balances change with the circuit's field arithmetic, so a witness for an invalid block (an overdraft, say)
 * can still be built and shown to be rejected by the rule it breaks.
 */
function inField(value: bigint): bigint {
  return ((value % FIELD_MODULUS) + FIELD_MODULUS) % FIELD_MODULUS;
}

function credit(accountId: number, tokenId: number, amount: bigint): ChunkTouch {
  return { accountId, tokenId, apply: (t) => t.setBalance(accountId, tokenId, t.balance(accountId, tokenId) + amount) };
}

function signedTx<T extends Tx["type"]>(entry: BlockOperation, type: T): Extract<Tx, { type: T }> {
  if (entry.tx?.type !== type) {
    throw new ZkLiteError("MISSING_BLOCK_TRANSACTION", `the ${entry.op.type} operation needs its signed ${type} transaction`);
  }
  return entry.tx as Extract<Tx, { type: T }>;
}

function requireSignature(signature: TxSignature | undefined, what: string): TxSignature {
  if (signature === undefined) throw new ZkLiteError("MISSING_SIGNATURE", `the ${what} has no zkSync signature`);
  return signature;
}

function txSignature(tx: Tx): ChunkClaims["signature"] {
  return { message: serializeTx(tx), signature: requireSignature(tx.signature, tx.type) };
}

function orderSignature(order: Order): ChunkClaims["signature"] {
  return { message: serializeOrder(order), signature: requireSignature(order.signature, "swap order") };
}

function range0(tx: { validFrom: number; validUntil: number }): ChunkArgs {
  return { VF0: big(tx.validFrom), VU0: big(tx.validUntil) };
}

function packedAmount(amount: bigint, which: "0" | "1"): ChunkArgs {
  const packed = decodeUintBE(packAmount(amount), 0, 5);
  return which === "0" ? { M0: packed >> 5n, E0: packed & 31n } : { M1: packed >> 5n, E1: packed & 31n };
}

function packedFee(fee: bigint): ChunkArgs {
  const packed = decodeUintBE(packFee(fee), 0, 2);
  return { FM: packed >> 5n, FE: packed & 31n };
}

function contentHashHalves(contentHash: string): [bigint, bigint] {
  const value = BigInt(contentHash);
  return [value >> 128n, value & ((1n << 128n) - 1n)];
}

function address(value: string): bigint {
  return hex160ToBigInt(value);
}

function big(value: number): bigint {
  return BigInt(value);
}
