// Child process of `npm start` (dev-keys.mjs): builds the devnet's INSECURE development key set through the
// per-machine circuit cache and reports each step as one JSON line on stdout. Synchronous work (circom,
// key generation) runs here, so the parent can keep its progress display moving.
//   node build-dev-keys.mjs <manifest path> <block sizes, comma-separated>
const [manifestPath, sizes] = process.argv.slice(2);
if (!manifestPath || !sizes) {
  console.error("usage: build-dev-keys.mjs <manifest path> <block sizes>");
  process.exit(2);
}
const { ensureDevKeySet } = await import("@zklite/circuits");
const report = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const keySet = await ensureDevKeySet({
  blockSizes: sizes.split(",").map(Number),
  manifestPath,
  onStep: (step) => report({ step }),
});
report({ done: { manifestPath: keySet.manifestPath, blockVerifiers: Object.fromEntries(keySet.blockVerifiers), exitVerifier: keySet.exitVerifier } });
