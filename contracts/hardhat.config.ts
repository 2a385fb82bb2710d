import { subtask, type HardhatUserConfig } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-ethers";
import "@nomicfoundation/hardhat-chai-matchers";
import "@typechain/hardhat";

import solcPackage from "solc/package.json";

// Hardhat downloads solc by default, which cannot work offline: compile with the solc-js build from npm.
const SOLC_VERSION = solcPackage.version;

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper(args);
  const { default: solc } = await import("solc");
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: solc.version(),
  };
});

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  paths: {
    sources: "./src",
    tests: "./test",
    cache: "./.cache/hardhat",
    artifacts: "./artifacts",
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  networks: {
    hardhat: {
      // default: Hardhat's latest; the gas benchmark also measures under "cancun" (pre-EIP-7623 calldata pricing)
      ...(process.env.ZKLITE_HARDFORK ? { hardfork: process.env.ZKLITE_HARDFORK } : {}),
    },
    localhost: { url: process.env.ZKLITE_L1_RPC_URL ?? "http://127.0.0.1:8545" },
  },
  // every test takes seconds (the slowest, the first in a file to deploy, well under a minute): a hang fails in 2 min
  mocha: { timeout: 120_000 },
};

export default config;
