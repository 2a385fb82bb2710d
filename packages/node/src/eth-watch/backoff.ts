/** Bounded exponential backoff: initial, 2×, 4×, … capped at max; `reset()` after a success. */
export class Backoff {
  #failures = 0;

  constructor(
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  /** Delay before the next attempt after one more failure. */
  next(): number {
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.#failures, 30));
    this.#failures += 1;
    return delay;
  }

  reset(): void {
    this.#failures = 0;
  }

  get failures(): number {
    return this.#failures;
  }
}
