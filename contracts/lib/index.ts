/**
 * `@zklite/contracts`: typed bindings (TypeChain, ethers v6) and ABIs of zkLite's L1 contracts, plus the deploy
 * function used by the scripts. Each `X__factory` carries `abi`, `bytecode` and `connect(address, runner)`.
 */
export * from "../typechain-types";
export { deployZkLite } from "./deploy";
export { CANCUN_PROBE_INIT_CODE, requireCancunL1 } from "./cancun-probe";
export {
  BN254_FIELD_MODULUS,
  validateDeployParams,
  type BlockVerifierParams,
  type ContractArtifact,
  type ContractSource,
  type DeployParams,
  type DevTokenParams,
} from "./deploy-config";
export type { DeployedToken, Deployment, StoredBlockInfoJson } from "./deployment";
export { toSolidityProof, type SnarkjsGroth16Proof, type SolidityGroth16Proof } from "./groth16-proof";
