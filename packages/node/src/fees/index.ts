/** The fee model: zkSync Lite's fee ticker formula over a pluggable price source (README.md). */
export { FeeModel, type BatchFeeQuote, type BatchItem, type FeeModelConfig, type QuoteOptions, type TxFeeQuote } from "./fee-model.js";
export {
  CHANGE_PUBKEY_AUTH_TYPES,
  feeTypeName,
  isFeeType,
  outputFeeType,
  type ChangePubKeyAuthType,
  type FeeType,
  type OutputFeeType,
} from "./fee-type.js";
export { AMORTIZED_COST_PER_CHUNK, BASE_BLOCKS_TX_COST, BASE_GAS_COST, COMMIT_COST, EXECUTE_COST, feeTypeChunks, standardGasCost } from "./gas-costs.js";
export { fastWithdrawalGas, type FastWithdrawalContext } from "./fast-withdrawal.js";
export { isFeeSufficientUsd, scaleUserFeeUpUsd } from "./fee-tolerance.js";
export { ETH_FEE_TOKEN, type FeeToken, type PriceSource } from "./price-source.js";
export { FixedPriceSource, type FixedPrices } from "./fixed-price-source.js";
export { FeeError, type FeeErrorCode } from "./errors.js";
export { parseDecimal, ratio, type Ratio } from "./ratio.js";
