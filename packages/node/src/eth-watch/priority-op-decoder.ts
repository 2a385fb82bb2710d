/**
 * The pubdata of a `NewPriorityRequest` event → the protocol's `PriorityOp`. The contract emits the op as it queues
 * it (PROTOCOL.md §6.3): Deposit 45 bytes with account id 0, FullExit 105 bytes with amount and NFT fields 0, both
 * unpadded; we pad to whole chunks and decode with the protocol's pubdata codec, then check the queued form.
 */
import {
  CHUNK_BYTES,
  OP_CHUNKS,
  OP_CODE,
  ZERO_ADDRESS,
  decodeOperationPubdata,
  isZkLiteError,
  parseAddress,
  type PriorityOp,
} from "@zklite/protocol";

import { EthWatchError } from "./errors.js";

const ZERO_HASH = `0x${"00".repeat(32)}`;

/**
 * Decodes a priority request. `opType` is the event's `opType` (the contract's `OpType` = op code), `sender` the
 * event's `sender` (the L1 address that paid the deposit or asked for the exit). Throws `ETH_WATCH_INVALID_EVENT`.
 */
export function decodePriorityOp(opType: number, pubdata: Uint8Array, sender: string): PriorityOp {
  const invalid = (message: string, cause?: unknown): EthWatchError =>
    new EthWatchError("ETH_WATCH_INVALID_EVENT", `NewPriorityRequest: ${message}`, cause === undefined ? undefined : { cause });
  const type = opType === OP_CODE.Deposit ? "Deposit" : opType === OP_CODE.FullExit ? "FullExit" : undefined;
  if (type === undefined) throw invalid(`op type ${opType} is not a priority operation`);
  const size = OP_CHUNKS[type] * CHUNK_BYTES;
  if (pubdata.length === 0 || pubdata.length > size) throw invalid(`${type} pubdata of ${pubdata.length} bytes`);
  if (pubdata[0] !== opType) throw invalid(`pubdata starts with op code ${pubdata[0]}, event says ${opType}`);
  const padded = new Uint8Array(size);
  padded.set(pubdata);
  let decoded;
  try {
    decoded = decodeOperationPubdata(padded);
  } catch (error) {
    if (isZkLiteError(error)) throw invalid(error.message, error);
    throw error;
  }
  if (decoded.type === "Deposit") {
    if (decoded.accountId !== 0) throw invalid(`queued Deposit has account id ${decoded.accountId}, expected 0`);
    return { type: "Deposit", from: parseAddress(sender), token: decoded.token, amount: decoded.amount, to: decoded.to };
  }
  if (decoded.type === "FullExit") {
    const zeroed =
      decoded.amount === 0n &&
      decoded.nftCreatorId === 0 &&
      decoded.nftCreatorAddress === ZERO_ADDRESS &&
      decoded.nftSerialId === 0 &&
      BigInt(decoded.nftContentHash) === BigInt(ZERO_HASH);
    if (!zeroed) throw invalid("queued FullExit has a non-zero amount or NFT field");
    return { type: "FullExit", accountId: decoded.accountId, ethAddress: decoded.owner, token: decoded.token };
  }
  throw invalid(`pubdata decodes to ${decoded.type}`);
}
