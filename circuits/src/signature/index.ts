/** Witness helpers for circom/lib/zksync_signature.circom's ZkSyncSignatureVerifier. */
export { signatureWitness, type SignatureWitness, type ZkSyncSignature } from "./signature-witness.js";
export { txMessageFields, type TxMessageFields } from "./tx-message-fields.js";
export { dummySignatureSlot, type SignatureSlot } from "./dummy-signature-slot.js";
