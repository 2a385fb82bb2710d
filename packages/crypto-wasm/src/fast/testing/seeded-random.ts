/**
 * Reproducible randomness for tests: a 32-bit seed (ZKLITE_TEST_SEED, or a fresh one that the test prints)
 * drives xorshift128+, so any failure can be replayed with the printed seed.
 */
export class SeededRandom {
  private s0: bigint;
  private s1: bigint;

  constructor(readonly seed: number) {
    this.s0 = BigInt(seed >>> 0) * 0x9e3779b97f4a7c15n + 1n;
    this.s1 = (BigInt(seed >>> 0) ^ 0x5851f42d4c957f2dn) | 1n;
    for (let i = 0; i < 16; i++) this.nextWord();
  }

  static fromEnvironment(): SeededRandom {
    const fromEnv = Number(process.env.ZKLITE_TEST_SEED);
    const seed = Number.isInteger(fromEnv) ? fromEnv : Math.floor(Math.random() * 2 ** 32);
    return new SeededRandom(seed);
  }

  /** 64 random bits. */
  nextWord(): bigint {
    const mask = 0xffffffffffffffffn;
    let x = this.s0;
    const y = this.s1;
    this.s0 = y;
    x ^= (x << 23n) & mask;
    this.s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (this.s1 + y) & mask;
  }

  /** An integer in [0, bound) for bound ≤ 2^32. */
  int(bound: number): number {
    return Number(this.nextWord() % BigInt(bound));
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 8) {
      let word = this.nextWord();
      for (let j = i; j < Math.min(length, i + 8); j++) {
        out[j] = Number(word & 0xffn);
        word >>= 8n;
      }
    }
    return out;
  }

  /** A uniform integer below 2^bits. */
  bigint(bits: number): bigint {
    let value = 0n;
    for (let produced = 0; produced < bits; produced += 64) value = (value << 64n) | this.nextWord();
    return value & ((1n << BigInt(bits)) - 1n);
  }

  pick<T>(values: readonly T[]): T {
    const value = values[this.int(values.length)];
    if (value === undefined) throw new Error("pick from an empty list");
    return value;
  }
}
