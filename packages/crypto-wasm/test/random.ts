/**
 * Reproducible randomness for tests: a SHA-256 counter-mode stream from a seed that is random per run
 * unless ZKLITE_TEST_SEED is set. Test titles print the seed so a failure can be replayed.
 */
import { createHash, randomBytes } from "node:crypto";

export class TestRandom {
  private counter = 0;
  private buffer = new Uint8Array(0);

  constructor(readonly seed: string = process.env.ZKLITE_TEST_SEED ?? randomBytes(8).toString("hex")) {}

  bytes(length: number): Uint8Array {
    while (this.buffer.length < length) {
      const block = createHash("sha256").update(`${this.seed}:${this.counter++}`).digest();
      const grown = new Uint8Array(this.buffer.length + block.length);
      grown.set(this.buffer);
      grown.set(block, this.buffer.length);
      this.buffer = grown;
    }
    const out = this.buffer.slice(0, length);
    this.buffer = this.buffer.slice(length);
    return out;
  }

  /** Uniform integer in [0, bound) for bound <= 2^32. */
  int(bound: number): number {
    const value = new DataView(this.bytes(4).buffer).getUint32(0);
    return value % bound;
  }

  /** Uniform integer in [min, max]. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}
