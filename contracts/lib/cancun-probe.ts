import { ZkLiteError } from "@zklite/crypto-wasm";
import type { Provider } from "ethers";

/**
 * Init code run by `eth_call` (no contract is created): TSTORE 1 at key 0, TLOAD it back, MCOPY that word from
 * memory 0 to 32, return memory 32..64. Only an EVM with EIP-1153 (transient storage) and EIP-5656 (MCOPY), i.e.
 * Cancun or later, returns the word 1; older ones fail on the unknown opcodes.
 *
 *   60 01 60 00 5d    TSTORE(key 0, value 1)
 *   60 00 5c          TLOAD(key 0)
 *   60 00 52          MSTORE(0, ·)
 *   60 20 60 00 60 20 5e   MCOPY(dst 32, src 0, size 32)
 *   60 20 60 20 f3    RETURN(offset 32, size 32)
 */
export const CANCUN_PROBE_INIT_CODE = "0x600160005d60005c6000526020600060205e60206020f3";

const ONE_WORD = `0x${"0".repeat(63)}1`;

/**
 * Refuses (ZkLiteError "L1_NOT_CANCUN") an L1 whose EVM lacks Cancun's opcodes: the rollup's reentrancy guards use
 * transient storage (every deposit, withdrawal and exit would revert) and the contracts are compiled for Cancun.
 */
export async function requireCancunL1(provider: Provider): Promise<void> {
  let result: string;
  try {
    result = await provider.call({ data: CANCUN_PROBE_INIT_CODE });
  } catch (error) {
    throw new ZkLiteError("L1_NOT_CANCUN", `the L1 refused the Cancun probe (no TSTORE/TLOAD/MCOPY): ${String(error)}`, { cause: error });
  }
  if (result.toLowerCase() !== ONE_WORD) {
    throw new ZkLiteError("L1_NOT_CANCUN", `the L1 ran the Cancun probe but returned ${result} instead of ${ONE_WORD}`);
  }
}
