// Minimal typing of the part of circomlibjs the tests use as an independent Poseidon oracle.
declare module "circomlibjs" {
  interface CircomlibField {
    toObject(element: Uint8Array): bigint;
  }
  interface CircomlibPoseidon {
    (inputs: readonly bigint[]): Uint8Array;
    F: CircomlibField;
  }
  export function buildPoseidon(): Promise<CircomlibPoseidon>;
}
