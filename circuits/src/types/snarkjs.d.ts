// The parts of snarkjs 0.7 (which ships no types) this package uses.
declare module "snarkjs" {
  interface SnarkjsProof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }
  export const groth16: {
    fullProve(input: unknown, wasmFile: string, zkeyFile: string): Promise<{ proof: SnarkjsProof; publicSignals: string[] }>;
    verify(verificationKey: unknown, publicSignals: readonly string[], proof: SnarkjsProof): Promise<boolean>;
  };
  export const wtns: {
    /** `witness` may be fastfile's in-memory file `{ type: "mem" }`: its `data` then holds the .wtns bytes */
    calculate(input: unknown, wasmFile: string, witness: string | { type: "mem"; data?: Uint8Array }): Promise<void>;
  };
}
