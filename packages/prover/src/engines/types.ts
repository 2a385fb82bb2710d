/** A Groth16 proof in snarkjs' proof.json shape (affine points as decimal strings, z = 1). */
export interface Groth16Proof {
  pi_a: string[];
  pi_b: string[][];
  pi_c: string[];
  protocol: string;
  curve: string;
}

/** What the native prover measured (absent for snarkjs). */
export interface ProverStats {
  threads: number;
  vars: number;
  public: number;
  domain: number;
  coefficients: number;
  seconds: Record<string, number>;
  peak_rss_bytes: number;
}

export interface ProveResult {
  proof: Groth16Proof;
  /** snarkjs' public.json: witness values 1..nPublic as decimal strings */
  publicSignals: string[];
  stats?: ProverStats;
}

/** A `.wtns` file path, or the bytes of one (as circom's witness calculator `calculateWTNSBin` returns). */
export type WitnessInput = string | Uint8Array;

export interface ProveOptions {
  /**
   * The circuit's `.r1cs`: the witness is checked against every constraint before proving and refused
   * with `R1CS_UNSATISFIED`. Without it an unsatisfying witness yields a proof that does not verify.
   */
  r1csPath?: string;
  /** native: worker threads (default: every core) */
  threads?: number;
  /**
   * native: check that every point of the zkey is on its curve (~5 % of a proof). Default: the first time
   * this process uses the key file, not again while it is unchanged.
   */
  checkPoints?: boolean;
  /** native: stops the proof (the child process is killed) and rejects with `ABORTED` */
  signal?: AbortSignal;
}

export interface ProverEngine {
  readonly name: "native" | "snarkjs";
  prove(zkeyPath: string, witness: WitnessInput, options?: ProveOptions): Promise<ProveResult>;
}
