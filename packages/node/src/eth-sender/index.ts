export { EthSender, type EthSenderDependencies, type EthSenderHooks } from "./eth-sender.js";
export { ethSenderConfig, HARDHAT_DEFAULT_OPERATOR_KEY, type EthSenderConfig } from "./config.js";
export { EthSenderError, isEthSenderError, type EthSenderErrorCode } from "./errors.js";
export { storedBlockInfo, storedBlockHash, type StoredBlockInfo, type GenesisStoredBlockJson } from "./block-encoding.js";
