/** Field elements ↔ 32-byte little-endian words, for moving batches between threads cheaply. */

export function writeWords(values: readonly bigint[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(values.length * 32));
  const view = new DataView(out.buffer);
  values.forEach((value, i) => {
    let v = value;
    for (let limb = 0; limb < 4; limb++) {
      view.setBigUint64(i * 32 + limb * 8, v & 0xffffffffffffffffn, true);
      v >>= 64n;
    }
  });
  return out;
}

export function readWords(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: bigint[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += 32) {
    values.push(
      view.getBigUint64(offset, true) |
        (view.getBigUint64(offset + 8, true) << 64n) |
        (view.getBigUint64(offset + 16, true) << 128n) |
        (view.getBigUint64(offset + 24, true) << 192n),
    );
  }
  return values;
}
