// Runs one random case through zkLite and zksync.js side by side and asserts every observable output is
// identical: key derivation, the signed transaction JSON (sign bytes and zk signature included), sign
// bytes, tx hash, the Ethereum message text and its ECDSA signature.
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { Wallet as WalletV6 } from "ethers6";
import { EthMessageSigner, Signer, utils, type TxEthSignature } from "@zklite/sdk";
import { ethersV5, zksync } from "./oracle.js";
import { parseRunsPerType } from "./runs-per-type.js";

/** Cases per transaction type: ZKLITE_DIFFERENTIAL_RUNS (a positive integer; anything else throws at load), else 500. */
export const RUNS_PER_TYPE = parseRunsPerType(process.env.ZKLITE_DIFFERENTIAL_RUNS);

type ZkSigner = Awaited<ReturnType<typeof zksync.Signer.fromSeed>>;
type ZkEthMessageSigner = InstanceType<typeof zksync.EthMessageSigner>;

export interface SignerPair {
  ours: Signer;
  theirs: ZkSigner;
  ourEth: EthMessageSigner;
  theirEth: ZkEthMessageSigner;
}

const ECDSA_PREFIXED = { verificationMethod: "ECDSA", isSignedMsgPrefixed: true } as const;

/** Both libraries' signers from the same zk seed and the same Ethereum private key. */
export async function signerPair(seed: Uint8Array): Promise<SignerPair> {
  const [ours, theirs] = await Promise.all([Signer.fromSeed(seed), zksync.Signer.fromSeed(seed)]);
  expect(await ours.pubKeyHash()).toBe(await theirs.pubKeyHash());
  // A secp256k1 key derived from the seed (a hash is never zero or above the group order in practice).
  const ethKey = "0x" + createHash("sha256").update(seed).digest("hex");
  return {
    ours,
    theirs,
    ourEth: new EthMessageSigner(new WalletV6(ethKey), ECDSA_PREFIXED),
    theirEth: new zksync.EthMessageSigner(new ethersV5.Wallet(ethKey), ECDSA_PREFIXED),
  };
}

/** JSON form (bigint-free, no undefined) so both libraries' outputs compare structurally. */
export const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export async function expectSameTx(ours: unknown, theirs: unknown, hashed = true): Promise<void> {
  expect(json(ours)).toEqual(json(theirs));
  const ourBytes = await utils.serializeTx(ours as never);
  const theirBytes = await zksync.utils.serializeTx(theirs as never);
  expect(Buffer.from(ourBytes).toString("hex")).toBe(Buffer.from(theirBytes).toString("hex"));
  if (hashed) expect(await utils.getTxHash(ours as never)).toBe(await zksync.utils.getTxHash(theirs as never));
}

export async function expectSameEthSignature(
  message: [string | Uint8Array, string | Uint8Array],
  sign: [() => Promise<TxEthSignature>, () => Promise<{ type: string; signature: string }>],
): Promise<void> {
  const [ourMessage, theirMessage] = message;
  expect(typeof ourMessage === "string" ? ourMessage : Buffer.from(ourMessage).toString("hex")).toBe(
    typeof theirMessage === "string" ? theirMessage : Buffer.from(theirMessage).toString("hex"),
  );
  const [ours, theirs] = await Promise.all([sign[0](), sign[1]()]);
  expect(ours).toEqual(theirs);
}
