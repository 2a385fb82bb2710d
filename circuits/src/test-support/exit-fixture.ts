import { randomBytes, randomInt } from "node:crypto";
import { MIN_NFT_TOKEN_ID } from "@zklite/protocol";
import { OnchainAuthFactStore, RollupState, SKIP_SIGNATURE_CHECKS } from "@zklite/state";
import { buildExitWitness, type ExitWitness } from "../exit/exit-witness.js";

const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };

/**
 * Test and bench helper: a sealed random `RollupState` (signatures not checked) at the given depths:
 * `accounts` deposits of random fungible tokens, a ChangePubKey each, `mints` NFTs minted to random accounts.
 * Callers await `initPoseidon()` first.
 */
export function randomExitState(depths: { accountTreeDepth: number; balanceTreeDepth: number }, accounts: number, mints: number): RollupState {
  const authFacts = new OnchainAuthFactStore();
  const state = RollupState.genesis({ ...depths, feeAccountAddress: randomAddress(), signatureChecker: SKIP_SIGNATURE_CHECKS, onchainAuthFacts: authFacts });
  const block = state.openBlock({ blockNumber: 1, feeAccountId: 0, timestamp: 1_700_000_000, blockChunkSizes: [654] });
  const ids: number[] = [];
  for (let i = 0; i < accounts; i++) {
    const address = randomAddress();
    block.applyPriorityOp({ type: "Deposit", from: address, to: address, token: randomInt(3), amount: BigInt(randomInt(1, 1_000_000_000)) });
    const id = state.accountByAddress(address)!.id;
    const newPkHash = `sync:${randomBytes(20).toString("hex")}`;
    authFacts.recordFact(address, 0, newPkHash);
    block.applyTx({ type: "ChangePubKey", accountId: id, account: address, newPkHash, feeToken: 0, fee: 0n, nonce: 0, ...ALWAYS, ethAuthData: { type: "Onchain" } });
    ids.push(id);
  }
  for (let i = 0; i < mints; i++) {
    const creator = state.account(ids[randomInt(ids.length)]!)!;
    const recipient = state.account(ids[randomInt(ids.length)]!)!;
    const contentHash = `0x${randomBytes(32).toString("hex")}`;
    block.applyTx({ type: "MintNFT", creatorId: creator.id, creatorAddress: creator.address, contentHash, recipient: recipient.address, fee: 0n, feeToken: 0, nonce: creator.nonce });
  }
  block.seal();
  return state;
}

/** A random fungible exit (an account with a non-zero balance, one of its tokens) of `state`. */
export function randomFungibleExit(state: RollupState): ExitWitness {
  const candidates: [number, number][] = [];
  for (const id of state.tree.accountIds()) {
    if (id === 2 ** state.tree.accountTreeDepth - 1) continue; // the NFT storage account cannot exit
    for (const [token, balance] of state.tree.balances(id)) if (token < MIN_NFT_TOKEN_ID && balance > 0n) candidates.push([id, token]);
  }
  const [accountId, tokenId] = candidates[randomInt(candidates.length)]!;
  return buildExitWitness(state.tree, accountId, tokenId);
}

/** The exit of NFT `MIN_NFT_TOKEN_ID + index` by its holder. */
export function nftExit(state: RollupState, index = 0): ExitWitness {
  const tokenId = MIN_NFT_TOKEN_ID + index;
  const holder = [...state.tree.accountIds()].find((id) => state.balance(id, tokenId) === 1n);
  if (holder === undefined) throw new Error(`nobody holds NFT ${tokenId}`);
  return buildExitWitness(state.tree, holder, tokenId, state.nft(tokenId));
}

function randomAddress(): string {
  return `0x${randomBytes(20).toString("hex")}`;
}
