// Just enough of circomlibjs (an untyped test oracle) for this package's tests and benchmarks.
declare module "circomlibjs" {
  interface CircomlibField {
    toObject(element: Uint8Array): bigint;
  }
  interface CircomlibPoseidon {
    (inputs: readonly bigint[]): Uint8Array;
    readonly F: CircomlibField;
  }
  export function buildPoseidon(): Promise<CircomlibPoseidon>;
}
