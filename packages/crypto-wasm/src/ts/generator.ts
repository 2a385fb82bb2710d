/**
 * The signature generator G = franklin's `FixedGenerators::SpendingKeyGenerator` on AltBabyJubjub,
 * and fast multiplication of G by a scalar. The coordinates are the group hash of the empty message
 * with personalization "Zcash_G_" (see group-hash.ts; a test re-derives them).
 */
import { cryptoError } from "../crypto-error.js";
import { AltBabyJubjubPoint, type AffinePoint } from "./point.js";

export const GENERATOR: AffinePoint = Object.freeze({
  x: 0x2ef3f9b423a2c8c74e9803958f6c320e854a1c1c06cd5cc8fd221dc052d76df7n,
  y: 0x05a01167ea785d3f784224644a68e4067532c815f5f6d57d984b5c0e9c6c94b7n,
});

const WINDOW_BITS = 4;
const WINDOW_COUNT = 64; // covers scalars below 2^256
let windowTable: AltBabyJubjubPoint[][] | undefined;

/** table[i][j] = j · 16^i · G, built on first use (~1,000 point additions). */
function generatorWindowTable(): AltBabyJubjubPoint[][] {
  if (windowTable === undefined) {
    const table: AltBabyJubjubPoint[][] = [];
    let base = AltBabyJubjubPoint.fromAffine(GENERATOR);
    for (let window = 0; window < WINDOW_COUNT; window++) {
      const row: AltBabyJubjubPoint[] = [AltBabyJubjubPoint.IDENTITY, base];
      for (let j = 2; j < 1 << WINDOW_BITS; j++) row.push((row[j - 1] as AltBabyJubjubPoint).add(base));
      table.push(row);
      base = (row[(1 << WINDOW_BITS) - 1] as AltBabyJubjubPoint).add(base);
    }
    windowTable = table;
  }
  return windowTable;
}

/** scalar · G for 0 <= scalar < 2^256: one table addition per non-zero 4-bit window. */
export function multiplyGenerator(scalar: bigint): AltBabyJubjubPoint {
  if (scalar < 0n || scalar >= 1n << BigInt(WINDOW_BITS * WINDOW_COUNT)) {
    throw cryptoError("INVALID_SCALAR", "generator scalar must be in [0, 2^256)");
  }
  const table = generatorWindowTable();
  let result = AltBabyJubjubPoint.IDENTITY;
  let rest = scalar;
  for (let window = 0; rest > 0n; window++, rest >>= BigInt(WINDOW_BITS)) {
    const digit = Number(rest & 0xfn);
    if (digit !== 0) result = result.add((table[window] as AltBabyJubjubPoint[])[digit] as AltBabyJubjubPoint);
  }
  return result;
}
