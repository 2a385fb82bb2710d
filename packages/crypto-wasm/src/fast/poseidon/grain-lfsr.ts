/**
 * The Grain LFSR of the Poseidon paper (eprint 2019/458, appendix F) that generates Poseidon's round
 * constants and MDS matrix. circomlib's constants come from the reference script driven with
 * field = 1 (prime field), S-box = 0 (x^α), n = 254, t, R_F, R_P.
 */
const STATE_BITS = 80;
const WARM_UP_STEPS = 160;

export class GrainLfsr {
  private readonly bits = new Uint8Array(STATE_BITS);
  private position = 0;

  constructor(fieldBits: number, width: number, roundsFull: number, roundsPartial: number) {
    const seed = [
      ...toBits(1, 2), // prime field
      ...toBits(0, 4), // S-box x^α
      ...toBits(fieldBits, 12),
      ...toBits(width, 12),
      ...toBits(roundsFull, 10),
      ...toBits(roundsPartial, 10),
      ...new Array<number>(30).fill(1),
    ];
    this.bits.set(seed);
    for (let i = 0; i < WARM_UP_STEPS; i++) this.step();
  }

  /** Next `count` output bits read as an unsigned integer, most significant bit first. */
  nextInteger(count: number): bigint {
    let value = 0n;
    for (let produced = 0; produced < count; produced++) value = (value << 1n) | BigInt(this.nextBit());
    return value;
  }

  /** Self-shrinking output: draw pairs of bits and keep the second bit of each pair whose first bit is 1. */
  private nextBit(): number {
    for (;;) {
      const select = this.step();
      const candidate = this.step();
      if (select === 1) return candidate;
    }
  }

  /** b[i+80] = b[i+62] ⊕ b[i+51] ⊕ b[i+38] ⊕ b[i+23] ⊕ b[i+13] ⊕ b[i]; the register is a ring buffer. */
  private step(): number {
    const at = (offset: number): number => this.bits[(this.position + offset) % STATE_BITS] ?? 0;
    const next = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
    this.bits[this.position] = next;
    this.position = (this.position + 1) % STATE_BITS;
    return next;
  }
}

function toBits(value: number, width: number): number[] {
  const bits: number[] = [];
  for (let i = width - 1; i >= 0; i--) bits.push((value >> i) & 1);
  return bits;
}
