// The deploy configuration `npm start` hands to the devnet L1 (contracts/tools/deploy-config-file.ts format):
// the repository's config/devnet.json with the devnet's block sizes, its real genesis root, and the Solidity
// verifiers exported from the development keys in place of the echo circuits.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function writeDevnetDeployConfig({ root, outFile, genesisRoot, keys }) {
  const base = JSON.parse(readFileSync(join(root, "contracts", "config", "devnet.json"), "utf8"));
  const blockVerifier = Object.fromEntries(Object.entries(keys.blockVerifiers).map(([chunks, solidity]) => [chunks, { solidity }]));
  const config = {
    ...base,
    $comment: "Written by npm start (scripts/devnet/deploy-config.mjs) from contracts/config/devnet.json and the development keys.",
    genesisStateRoot: genesisRoot,
    genesisStateRootIsPlaceholder: false,
    blockChunks: Object.keys(keys.blockVerifiers).map(Number),
    blockVerifier,
    exitVerifier: { solidity: keys.exitVerifier },
  };
  writeFileSync(outFile, `${JSON.stringify(config, null, 2)}\n`);
  return config;
}
