import { mkdirSync } from "node:fs";
import path from "node:path";
import { writeKeySet, type KeySetBlockCircuitParameters } from "@zklite/prover";
import { productionBlockCircuit, type BlockCircuitParameters } from "../block/block-circuit-parameters.js";
import { compileBlockCircuit } from "../block/block-circuit.js";
import type { CompiledCircuit } from "../circom-compiler.js";
import { compileExitCircuit } from "../exit/exit-circuit.js";
import { ensureDevKeys, type DevKeys } from "./dev-keys.js";

/** The production tree depths: the devnet proves what a production deployment would, on smaller blocks. */
const DEVNET_DEPTHS = { accountTreeDepth: 24, balanceTreeDepth: 32 };

export interface DevKeySetOptions {
  /** Block sizes (chunks) to build circuits and keys for. */
  readonly blockSizes: readonly number[];
  /** Where the key-set manifest is written (@zklite/prover's `zklite-key-set` format). */
  readonly manifestPath: string;
  /** Called before each step that may take long on a cold cache (compile, keys), and after the last. */
  readonly onStep?: (step: { readonly index: number; readonly total: number; readonly what: string }) => void;
}

export interface DevKeySet {
  readonly manifestPath: string;
  /** The exported Solidity verifier of each block size, and of the exit circuit: what the contracts deploy. */
  readonly blockVerifiers: ReadonlyMap<number, string>;
  readonly exitVerifier: string;
}

/**
 * INSECURE development keys for a devnet: the block circuit of each size (production depths, fee slots and
 * lanes), the field-input exit circuit at production depths, each compiled and keyed through the per-machine
 * cache (`compileBlockCircuit`, `ensureDevKeys`), and the key-set manifest the node and the provers read.
 */
export async function ensureDevKeySet(options: DevKeySetOptions): Promise<DevKeySet> {
  const total = 2 * options.blockSizes.length + 2;
  let index = 0;
  const step = <T>(what: string, run: () => Promise<T>): Promise<T> => {
    options.onStep?.({ index: index++, total, what });
    return run();
  };
  const keyed = async (label: string, compile: () => Promise<CompiledCircuit>): Promise<{ circuit: CompiledCircuit; keys: DevKeys }> => {
    const circuit = await step(`compiling the ${label} circuit`, compile);
    const keys = await step(`${label}: INSECURE development keys (${circuit.header.constraints.toLocaleString("en-US")} constraints)`, () => ensureDevKeys(circuit));
    return { circuit, keys };
  };
  const blocks = [];
  for (const chunks of options.blockSizes) {
    const parameters: BlockCircuitParameters = productionBlockCircuit(chunks);
    blocks.push({ parameters, ...(await keyed(`${chunks}-chunk block`, () => compileBlockCircuit(parameters))) });
  }
  const exit = await keyed("exit", () => compileExitCircuit("field-inputs", DEVNET_DEPTHS));
  mkdirSync(path.dirname(path.resolve(options.manifestPath)), { recursive: true });
  writeKeySet(options.manifestPath, {
    description: "INSECURE development keys (zkLite devnet): anyone who kept their secrets can forge proofs",
    blocks: blocks.map(({ parameters, circuit, keys }) => ({
      chunks: parameters.chunks,
      wasmPath: circuit.wasmPath,
      zkeyPath: keys.zkeyPath,
      vkeyPath: keys.verificationKeyPath,
      circuit: blockParameters(parameters),
    })),
    exit: { wasmPath: exit.circuit.wasmPath, zkeyPath: exit.keys.zkeyPath, vkeyPath: exit.keys.verificationKeyPath },
  });
  options.onStep?.({ index: total, total, what: "done" });
  return {
    manifestPath: options.manifestPath,
    blockVerifiers: new Map(blocks.map(({ parameters, keys }) => [parameters.chunks, keys.verifierSolidityPath])),
    exitVerifier: exit.keys.verifierSolidityPath,
  };
}

function blockParameters(parameters: BlockCircuitParameters): KeySetBlockCircuitParameters {
  const { accountDepth, balanceDepth, feeSlots, extendedLanes } = parameters;
  return { kind: "block", accountDepth, balanceDepth, feeSlots, extendedLanes };
}
