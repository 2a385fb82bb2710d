/**
 * franklin-crypto `StatefulRescue` after `specialize(n)`: the same start state [0, 0, n] as the
 * fixed-length sponge, but the output is squeezed element by element from the rate part of the state
 * (first s[0], then s[1], without another permutation). The signature challenge squeezes twice.
 */
import { cryptoError } from "../crypto-error.js";
import { frAdd } from "./field.js";
import { assertFieldElements, permuteRescueState, RESCUE_MAX_INPUT_ELEMENTS, type RescueState } from "./rescue.js";
import { RESCUE_RATE } from "./rescue-params.js";

export class SpecializedRescueSponge {
  private readonly state: RescueState;
  /** Absorbed elements not yet added to the state (franklin permutes lazily, on the next element). */
  private pending: bigint[] = [];
  private squeezable: bigint[] | undefined;

  constructor(inputLength: number) {
    if (!Number.isInteger(inputLength) || inputLength < 1 || inputLength > RESCUE_MAX_INPUT_ELEMENTS) {
      throw cryptoError("INVALID_LENGTH", `sponge input length must be 1..${RESCUE_MAX_INPUT_ELEMENTS}, got ${inputLength}`);
    }
    this.state = [0n, 0n, BigInt(inputLength)];
  }

  /** Absorbs `elements`, padded with ones to a multiple of the rate (as franklin pads each call). */
  absorb(elements: readonly bigint[]): void {
    if (this.squeezable !== undefined) {
      throw cryptoError("CRYPTO_INTERNAL_ERROR", "cannot absorb into a sponge that was squeezed");
    }
    if (elements.length === 0) throw cryptoError("INVALID_LENGTH", "absorb needs at least one element");
    assertFieldElements(elements);
    const padded = [...elements];
    while (padded.length % RESCUE_RATE !== 0) padded.push(1n);
    for (const element of padded) {
      if (this.pending.length === RESCUE_RATE) this.addPendingAndPermute();
      this.pending.push(element);
    }
  }

  /** Returns the next output element; at most RESCUE_RATE outputs exist (franklin asserts likewise). */
  squeeze(): bigint {
    if (this.squeezable === undefined) {
      if (this.pending.length !== RESCUE_RATE) {
        throw cryptoError("CRYPTO_INTERNAL_ERROR", "nothing was absorbed before squeezing");
      }
      this.addPendingAndPermute();
      this.squeezable = this.state.slice(0, RESCUE_RATE);
    }
    const output = this.squeezable.shift();
    if (output === undefined) throw cryptoError("CRYPTO_INTERNAL_ERROR", "the sponge's output is depleted");
    return output;
  }

  private addPendingAndPermute(): void {
    for (let i = 0; i < RESCUE_RATE; i++) this.state[i] = frAdd(this.state[i] as bigint, this.pending[i] as bigint);
    this.pending = [];
    permuteRescueState(this.state);
  }
}
