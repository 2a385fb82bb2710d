import { FR_CAPACITY_BITS } from "./field.js";

/**
 * franklin's multipacking: cuts a bit string into chunks of 253 bits (`Fr::CAPACITY`) and reads each
 * chunk as an integer whose bit i has weight 2^i (least significant bit first). The last chunk may be
 * shorter. Every result is below p by construction.
 */
export function multipackBits(bits: ArrayLike<number>): bigint[] {
  const elements: bigint[] = [];
  for (let start = 0; start < bits.length; start += FR_CAPACITY_BITS) {
    const end = Math.min(start + FR_CAPACITY_BITS, bits.length);
    let value = 0n;
    for (let i = end - 1; i >= start; i--) value = (value << 1n) | (bits[i] ? 1n : 0n);
    elements.push(value);
  }
  return elements;
}
