/**
 * zksync.js's order ratios: `tokenRatio({ ETH: 1, DAI: "2000.5" })` (in whole tokens, parsed with each token's
 * decimals) or `weiRatio({ ETH: 1n, DAI: 2000n })` (in smallest units), keyed by the TokenLike the order names.
 */
export interface TokenRatio {
  readonly type: "Token";
  readonly [token: string]: string | number;
}

export interface WeiRatio {
  readonly type: "Wei";
  readonly [token: string]: string | number | bigint;
}

export function tokenRatio(ratio: Readonly<Record<string | number, string | number>>): TokenRatio {
  return { ...ratio, type: "Token" } as TokenRatio;
}

export function weiRatio(ratio: Readonly<Record<string | number, string | number | bigint>>): WeiRatio {
  return { ...ratio, type: "Wei" } as WeiRatio;
}
