/** Field elements between bigint and the engine's 32-byte little-endian encoding, four 64-bit words at a time. */
const WORD = 0xffffffffffffffffn;

export function writeFieldElement(view: DataView, offset: number, value: bigint): void {
  view.setBigUint64(offset, value & WORD, true);
  view.setBigUint64(offset + 8, (value >> 64n) & WORD, true);
  view.setBigUint64(offset + 16, (value >> 128n) & WORD, true);
  view.setBigUint64(offset + 24, value >> 192n, true);
}

export function readFieldElement(view: DataView, offset: number): bigint {
  return (
    view.getBigUint64(offset, true) |
    (view.getBigUint64(offset + 8, true) << 64n) |
    (view.getBigUint64(offset + 16, true) << 128n) |
    (view.getBigUint64(offset + 24, true) << 192n)
  );
}
