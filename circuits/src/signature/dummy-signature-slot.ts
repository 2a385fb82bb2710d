import { MAX_TX_MESSAGE_BYTES } from "@zklite/crypto-wasm";
import { privateKeyFromSeed, signMusig } from "@zklite/crypto-wasm/ts";
import { signatureWitness, type SignatureWitness } from "./signature-witness.js";
import { txMessageFields, type TxMessageFields } from "./tx-message-fields.js";
import { toHex } from "@zklite/protocol";

/** A complete ZkSyncSignatureVerifier input. */
export interface SignatureSlot extends SignatureWitness {
  readonly msg: TxMessageFields;
}

const DUMMY_KEY_SEED = new TextEncoder().encode("zkLite: dummy signature slot key");

let dummy: SignatureSlot | undefined;

/**
 * A valid signature for verifier slots that check nothing: a fixed key (privateKeyFromSeed of a fixed 32-byte
 * seed) signing the all-zero 92-byte message. Computed on first use, then the same frozen object.
 */
export function dummySignatureSlot(): SignatureSlot {
  if (dummy === undefined) {
    const message = new Uint8Array(MAX_TX_MESSAGE_BYTES);
    const signed = signMusig(privateKeyFromSeed(DUMMY_KEY_SEED), message);
    const hex = (bytes: Uint8Array): string => toHex(bytes).slice(2);
    const witness = signatureWitness({ pubKey: hex(signed.subarray(0, 32)), signature: hex(signed.subarray(32)) });
    dummy = Object.freeze({ msg: txMessageFields(message), ...witness });
  }
  return dummy;
}
