/** Conversions between byte strings, bit strings and unsigned integers. */

export function bytesToBigIntBE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function bytesToBigIntLE(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
  return value;
}

/** Writes the low `length * 8` bits of `value` (>= 0), most significant byte first. */
export function bigIntToBytesBE(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** Writes the low `length * 8` bits of `value` (>= 0), least significant byte first. */
export function bigIntToBytesLE(value: bigint, length: number): Uint8Array {
  const out = bigIntToBytesBE(value, length);
  out.reverse();
  return out;
}

/** Expands bytes to bits, most significant bit of each byte first (franklin's `from_be_bytes`). */
export function bytesToBitsMsbFirst(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    for (let bit = 0; bit < 8; bit++) bits[i * 8 + bit] = (byte >> (7 - bit)) & 1;
  }
  return bits;
}

export function reverseBitsInByte(byte: number): number {
  let reversed = 0;
  for (let bit = 0; bit < 8; bit++) reversed |= ((byte >> bit) & 1) << (7 - bit);
  return reversed;
}
