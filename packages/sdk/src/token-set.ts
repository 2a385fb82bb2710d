/**
 * zksync.js's `TokenSet`: the node's token list, resolving a `TokenLike` (id, symbol or L1 address) to the token, and
 * formatting / parsing amounts with its decimals. NFTs (ids ≥ 65536) are not listed; `resolveTokenId` passes them through.
 */
import type { TokenView } from "@zklite/api";
import { formatUnits, MIN_NFT_TOKEN_ID, parseUnits, type AmountLike } from "@zklite/protocol";
import { walletError } from "./wallet-errors.js";
import { describeInput } from "./wallet-input.js";

/** A token id, symbol ("ETH", "DAI") or L1 address (ETH is the zero address). */
export type TokenLike = number | string;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export class TokenSet {
  readonly #bySymbol = new Map<string, TokenView>();
  readonly #byId = new Map<number, TokenView>();
  readonly #byAddress = new Map<string, TokenView>();

  constructor(tokens: Readonly<Record<string, TokenView>> | readonly TokenView[]) {
    const list = Array.isArray(tokens) ? (tokens as readonly TokenView[]) : Object.values(tokens as Record<string, TokenView>);
    for (const token of list) {
      this.#bySymbol.set(token.symbol, token);
      this.#byId.set(token.id, token);
      this.#byAddress.set(token.address.toLowerCase(), token);
    }
  }

  /** Whether `token` names a listed token (NFT ids are not listed). */
  has(token: TokenLike): boolean {
    return this.#find(token) !== undefined;
  }

  /** The listed (fungible) tokens. */
  list(): TokenView[] {
    return [...this.#byId.values()];
  }

  /** The listed token, or UNKNOWN_TOKEN. An NFT id resolves to `{ symbol: "NFT-<id>", decimals: 0 }` (as the node's messages name it). */
  resolve(token: TokenLike): TokenView {
    if (typeof token === "number" && Number.isSafeInteger(token) && token >= MIN_NFT_TOKEN_ID) {
      return { id: token, symbol: `NFT-${token}`, decimals: 0, address: "", allowedForFees: false };
    }
    const found = this.#find(token);
    if (found === undefined) throw walletError("UNKNOWN_TOKEN", `unknown token ${describeInput(token)}`);
    return found;
  }

  /** The token id; NFT ids (≥ 65536) are returned as they are. */
  resolveTokenId(token: TokenLike): number {
    return this.resolve(token).id;
  }

  resolveTokenSymbol(token: TokenLike): string {
    return this.resolve(token).symbol;
  }

  /** The L1 address of a fungible token (NOT_FUNGIBLE for NFTs). */
  resolveTokenAddress(token: TokenLike): string {
    const resolved = this.resolve(token);
    if (resolved.id >= MIN_NFT_TOKEN_ID) throw walletError("NOT_FUNGIBLE", `token ${resolved.id} is an NFT and has no L1 token address`);
    return resolved.address;
  }

  resolveTokenDecimals(token: TokenLike): number {
    return this.resolve(token).decimals;
  }

  /** `amount` (smallest units) as text with the token's decimals, e.g. "1.5". */
  formatToken(token: TokenLike, amount: AmountLike): string {
    return formatUnits(amount, this.resolve(token).decimals);
  }

  /** Text such as "1.5" to the token's smallest units. */
  parseToken(token: TokenLike, text: string): bigint {
    return parseUnits(text, this.resolve(token).decimals);
  }

  /** zksync.js's `isTokenETH`: id 0, symbol ETH or the zero address. */
  isETH(token: TokenLike): boolean {
    return this.resolve(token).id === 0;
  }

  #find(token: TokenLike): TokenView | undefined {
    if (typeof token === "number") return Number.isSafeInteger(token) ? this.#byId.get(token) : undefined;
    if (typeof token !== "string") return undefined;
    if (ADDRESS.test(token)) return this.#byAddress.get(token.toLowerCase());
    return this.#bySymbol.get(token) ?? (/^\d+$/.test(token) ? this.#byId.get(Number(token)) : undefined);
  }
}
