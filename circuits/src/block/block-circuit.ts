import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { validateBlockCircuitParameters, type BlockCircuitParameters } from "./block-circuit-parameters.js";

/** Compiles (or reuses from the cache) the block circuit for `parameters`. */
export function compileBlockCircuit(parameters: BlockCircuitParameters): Promise<CompiledCircuit> {
  validateBlockCircuitParameters(parameters);
  const { chunks, accountDepth, balanceDepth, feeSlots, extendedLanes } = parameters;
  const source = `pragma circom 2.1.0;\n\ninclude "block/block.circom";\n\ncomponent main = Block(${chunks}, ${accountDepth}, ${balanceDepth}, ${feeSlots}, ${extendedLanes});\n`;
  return compileCircuit(`block_${chunks}_${accountDepth}_${balanceDepth}_${feeSlots}_${extendedLanes}`, source);
}
