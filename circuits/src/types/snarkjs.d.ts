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
}
