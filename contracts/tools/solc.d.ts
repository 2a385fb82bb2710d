// solc-js ships no type declarations; these are the calls this package makes.
declare module "solc" {
  const solc: {
    version(): string;
    compile(input: string): string;
  };
  export = solc;
}
