// solc-js (no bundled types): the one call this package's tests use.
declare module "solc" {
  const solc: { compile(input: string): string };
  export default solc;
}
