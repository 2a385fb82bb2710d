import {
  MIN_NFT_TOKEN_ID,
  NFT_STORAGE_ACCOUNT_ADDRESS,
  NFT_TOKEN_ID,
  type Operation,
  type PriorityOp,
  type Tx,
} from "@zklite/sdk/protocol";
import { stateError } from "../errors.js";
import { StateTree, type AccountView, type StateTreeOptions } from "../state/state-tree.js";
import { BlockBuilder, type BlockParameters } from "./block-builder.js";
import { ethereumChangePubKeyAuth, type ChangePubKeyAuthChecker, type ChangePubKeyL1 } from "./change-pubkey-auth.js";
import type { ExecutionContext } from "./context.js";
import { applyChangePubKey } from "./handlers/change-pubkey.js";
import { applyDeposit } from "./handlers/deposit.js";
import { applyForcedExit } from "./handlers/forced-exit.js";
import { applyFullExit } from "./handlers/full-exit.js";
import { applyMintNFT } from "./handlers/mint-nft.js";
import { applySwap } from "./handlers/swap.js";
import { applyTransfer } from "./handlers/transfer.js";
import { applyWithdraw } from "./handlers/withdraw.js";
import { applyWithdrawNFT } from "./handlers/withdraw-nft.js";
import { NftRegistry, type NftInfo } from "./nft-registry.js";
import { NO_ONCHAIN_AUTH_FACTS, type OnchainAuthFacts } from "./onchain-auth-facts.js";
import { rescueNftTokenHash, type NftTokenHasher } from "./nft-token-hash.js";
import { musigSignatureChecker, type SignatureChecker } from "./signature-checker.js";

export interface RollupStateOptions extends StateTreeOptions {
  /** zkSync signature checks; default: zksync-crypto via @zklite/crypto-wasm (call its `init()` first). */
  readonly signatureChecker?: SignatureChecker;
  /** ChangePubKey Ethereum authorization checks; default: ECDSA/EIP712/CREATE2/legacy recovery. */
  readonly changePubKeyAuth?: ChangePubKeyAuthChecker;
  /**
   * Chain id of the L1 the blocks are committed to (`block.chainid`). EIP-712 ChangePubKey authorizations must be
   * signed for it; without it they are refused (CHAIN_ID_MISMATCH).
   */
  readonly chainId?: number;
  /**
   * L1's on-chain ChangePubKey authorizations (`setAuthPubkeyHash`), fed by the node from the rollup's `FactAuth`
   * and `FactAuthResetRequested` events. Default: none known, so every Onchain ChangePubKey is refused
   * (ONCHAIN_AUTH_FACT_MISSING), as L1 would refuse its block.
   */
  readonly onchainAuthFacts?: OnchainAuthFacts;
  /** NFT token hash; default: zkSync's Rescue hash (§1.4). */
  readonly nftTokenHash?: NftTokenHasher;
}

export interface GenesisOptions extends RollupStateOptions {
  /** Address of account 0, the operator's fee account. */
  readonly feeAccountAddress: string;
}

/** Hooks the block builder uses to apply operations; not part of the public API. */
export interface StateTransitions {
  readonly tree: StateTree;
  applyTxIn(block: BlockContextHooks, tx: Tx): Operation;
  applyPriorityOpIn(block: BlockContextHooks, op: PriorityOp): Operation;
  closeBlock(): void;
}

/** What a block contributes to execution: its timestamp and its fee collection. */
export interface BlockContextHooks {
  readonly timestamp: number;
  collectFee(token: number, amount: bigint): void;
}

/**
 * The zkLite rollup state and its rules: accounts and balances in Poseidon trees (`tree`), minted
 * NFTs, and the state transition of every operation. Transactions are applied inside a block
 * (`openBlock`), which owns the timestamp and the fees; a rejected transaction or batch throws a
 * `ZkLiteError` and leaves the state exactly as it was.
 */
export class RollupState {
  readonly tree: StateTree;
  readonly nftStorageAccountId: number;
  private readonly nftRegistry: NftRegistry;
  private readonly signatures: SignatureChecker;
  private readonly changePubKeyAuth: ChangePubKeyAuthChecker;
  private readonly changePubKeyL1: ChangePubKeyL1;
  private readonly nftTokenHash: NftTokenHasher;
  private nextFreeAccountId = 0;
  private openBlockNumber: number | undefined;

  constructor(options: RollupStateOptions) {
    this.tree = new StateTree(options);
    this.nftStorageAccountId = this.tree.accountCapacity - 1;
    this.nftRegistry = new NftRegistry(this.tree);
    this.signatures = options.signatureChecker ?? musigSignatureChecker();
    this.changePubKeyAuth = options.changePubKeyAuth ?? ethereumChangePubKeyAuth;
    if (options.chainId !== undefined && (!Number.isSafeInteger(options.chainId) || options.chainId < 0)) {
      throw stateError("INVALID_ARGUMENT", `chain id ${String(options.chainId)} is not a non-negative safe integer`);
    }
    this.changePubKeyL1 = Object.freeze({ chainId: options.chainId, onchainAuthFacts: options.onchainAuthFacts ?? NO_ONCHAIN_AUTH_FACTS });
    this.nftTokenHash = options.nftTokenHash ?? rescueNftTokenHash;
  }

  /**
   * Genesis (PROTOCOL.md §4.5): account 0 is the fee account; the last account slot is the NFT storage
   * account (address 0xff…ff) whose balance of NFT_TOKEN_ID, the next NFT id, starts at 65536
   * (when the balance tree is deep enough to hold NFT_TOKEN_ID).
   */
  static genesis(options: GenesisOptions): RollupState {
    const state = new RollupState(options);
    state.tree.createAccount(0, options.feeAccountAddress);
    state.tree.createAccount(state.nftStorageAccountId, NFT_STORAGE_ACCOUNT_ADDRESS);
    if (NFT_TOKEN_ID < 2 ** state.tree.balanceTreeDepth) {
      state.tree.setBalance(state.nftStorageAccountId, NFT_TOKEN_ID, BigInt(MIN_NFT_TOKEN_ID));
    }
    state.nextFreeAccountId = 1;
    return state;
  }

  // ---- queries ----

  account(id: number): AccountView | undefined {
    return this.tree.account(id);
  }

  accountByAddress(address: string): AccountView | undefined {
    const id = this.tree.accountIdByAddress(address);
    return id === undefined ? undefined : this.tree.account(id);
  }

  balance(accountId: number, tokenId: number): bigint {
    return this.tree.balance(accountId, tokenId);
  }

  nft(tokenId: number): NftInfo | undefined {
    return this.nftRegistry.get(tokenId);
  }

  /** Id the next new account will get. */
  get nextAccountId(): number {
    return this.nextFreeAccountId;
  }

  get root(): bigint {
    return this.tree.root();
  }

  // ---- blocks ----

  /** Starts a block; only one may be open at a time. Its old state root is computed now. */
  openBlock(parameters: BlockParameters): BlockBuilder {
    if (this.openBlockNumber !== undefined) {
      throw stateError("BLOCK_ALREADY_OPEN", `block ${this.openBlockNumber} is still open; seal or abandon it first`);
    }
    const feeAccount = this.tree.account(parameters.feeAccountId);
    if (feeAccount === undefined || parameters.feeAccountId === this.nftStorageAccountId) {
      throw stateError("ACCOUNT_NOT_FOUND", `fee account ${parameters.feeAccountId} does not exist`);
    }
    const transitions: StateTransitions = {
      tree: this.tree,
      applyTxIn: (block, tx) => this.applyTx(block, tx),
      applyPriorityOpIn: (block, op) => this.applyPriorityOp(block, op),
      closeBlock: () => {
        this.openBlockNumber = undefined;
      },
    };
    const builder = new BlockBuilder(transitions, parameters);
    this.openBlockNumber = parameters.blockNumber;
    return builder;
  }

  private context(block: BlockContextHooks): ExecutionContext {
    return {
      tree: this.tree,
      timestamp: block.timestamp,
      signatures: this.signatures,
      changePubKeyAuth: this.changePubKeyAuth,
      changePubKeyL1: this.changePubKeyL1,
      nftTokenHash: this.nftTokenHash,
      nfts: this.nftRegistry,
      nftStorageAccountId: this.nftStorageAccountId,
      collectFee: (token, amount) => block.collectFee(token, amount),
      createAccount: (address) => this.createAccount(address),
    };
  }

  private applyTx(block: BlockContextHooks, tx: Tx): Operation {
    const ctx = this.context(block);
    switch (tx.type) {
      case "Transfer":
        return applyTransfer(ctx, tx);
      case "Withdraw":
        return applyWithdraw(ctx, tx);
      case "ChangePubKey":
        return applyChangePubKey(ctx, tx);
      case "ForcedExit":
        return applyForcedExit(ctx, tx);
      case "MintNFT":
        return applyMintNFT(ctx, tx);
      case "WithdrawNFT":
        return applyWithdrawNFT(ctx, tx);
      case "Swap":
        return applySwap(ctx, tx);
      default:
        throw stateError("INVALID_ARGUMENT", `unknown transaction type ${String((tx as { type?: unknown }).type)}`);
    }
  }

  private applyPriorityOp(block: BlockContextHooks, op: PriorityOp): Operation {
    const ctx = this.context(block);
    switch (op.type) {
      case "Deposit":
        return applyDeposit(ctx, op);
      case "FullExit":
        return applyFullExit(ctx, op);
      default:
        throw stateError("INVALID_ARGUMENT", `unknown priority operation type ${String((op as { type?: unknown }).type)}`);
    }
  }

  private createAccount(address: string): number {
    const id = this.nextFreeAccountId;
    if (id >= this.nftStorageAccountId) throw stateError("ACCOUNT_TREE_FULL", `no free account id left (capacity 2^${this.tree.accountTreeDepth})`);
    this.tree.createAccount(id, address);
    this.nextFreeAccountId = id + 1;
    this.tree.recordUndo(() => {
      this.nextFreeAccountId = id;
    });
    return id;
  }
}
