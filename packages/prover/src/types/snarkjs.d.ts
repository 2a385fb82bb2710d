// The parts of snarkjs 0.7 (which ships no types) this package uses.
declare module "snarkjs" {
  interface SnarkjsProof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }
  /** fastfile's in-memory file, accepted wherever snarkjs takes a file name */
  interface MemFile {
    type: "mem";
    data?: Uint8Array;
  }
  interface Logger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  }
  export const groth16: {
    prove(zkey: string | MemFile, witness: string | MemFile, logger?: Logger, options?: { singleThread?: boolean }): Promise<{ proof: SnarkjsProof; publicSignals: string[] }>;
    verify(verificationKey: unknown, publicSignals: readonly string[], proof: SnarkjsProof, logger?: Logger): Promise<boolean>;
  };
  export const wtns: {
    check(r1cs: string, witness: string | MemFile, logger?: Logger): Promise<boolean>;
    calculate(input: unknown, wasm: string | MemFile, witness: string | MemFile): Promise<void>;
  };
  export const zKey: {
    exportVerificationKey(zkey: string): Promise<Record<string, unknown>>;
    exportSolidityVerifier(zkey: string, templates: Record<string, string>): Promise<string>;
  };
}
