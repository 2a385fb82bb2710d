import { MIN_NFT_TOKEN_ID, type TokenDisplay } from "@zklite/protocol";

export interface TokenInfo {
  readonly id: number;
  /** L1 address, lowercase (ETH: the zero address). */
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
  /** Whether fees may be paid in it (the price source knows its price). */
  readonly allowedForFees: boolean;
}

export const ETH_TOKEN: TokenInfo = Object.freeze({ id: 0, address: `0x${"0".repeat(40)}`, symbol: "ETH", decimals: 18, allowedForFees: true });

/**
 * The fungible tokens the node knows (ETH at genesis, the rest listed on L1 and picked up by eth-watch),
 * by id, address or symbol. NFTs (ids ≥ 65536) are not listed here: their existence is the state's business.
 */
export class TokenRegistry {
  private readonly byId = new Map<number, TokenInfo>();
  private readonly byKey = new Map<string, TokenInfo>();

  constructor(tokens: readonly TokenInfo[] = [ETH_TOKEN]) {
    for (const token of tokens) this.add(token);
  }

  add(token: TokenInfo): void {
    const normalized = { ...token, address: token.address.toLowerCase() };
    this.byId.set(token.id, normalized);
    this.byKey.set(normalized.address, normalized);
    this.byKey.set(token.symbol.toUpperCase(), normalized);
  }

  get(id: number): TokenInfo | undefined {
    return this.byId.get(id);
  }

  /** By id, symbol ("ETH") or L1 address (zkSync's `TokenLike`). */
  resolve(tokenLike: number | string): TokenInfo | undefined {
    if (typeof tokenLike === "number") return this.byId.get(tokenLike);
    if (/^\d+$/.test(tokenLike)) return this.byId.get(Number(tokenLike));
    return this.byKey.get(tokenLike.startsWith("0x") ? tokenLike.toLowerCase() : tokenLike.toUpperCase());
  }

  all(): TokenInfo[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  /** How Ethereum messages show amounts of `id`: NFTs as `NFT-<id>` with no decimals (zksync.js). */
  display(id: number): TokenDisplay | undefined {
    if (id >= MIN_NFT_TOKEN_ID) return { symbol: `NFT-${id}`, decimals: 0 };
    const token = this.byId.get(id);
    return token === undefined ? undefined : { symbol: token.symbol, decimals: token.decimals };
  }
}
