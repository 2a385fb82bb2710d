/** The block-0 StoredBlockInfo, as the rollup contract hashes it (PROTOCOL.md §4.4). */
export interface StoredBlockInfoJson {
  readonly blockNumber: number;
  readonly priorityOperations: string;
  readonly pendingOnchainOperationsHash: string;
  readonly timestamp: string;
  readonly stateHash: string;
  readonly commitment: string;
}

export interface DeployedToken {
  readonly id: number;
  readonly address: string;
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
}

/** What deployZkLite returns and the deploy script writes to JSON (all addresses checksummed). */
export interface Deployment {
  readonly chainId: string;
  readonly deployer: string;
  readonly governor: string;
  readonly validators: readonly string[];
  /** L1 block of the first deployment transaction: where an L1 watcher starts reading events. */
  readonly deployBlock: number;
  readonly contracts: {
    /** The rollup proxy: every user and operator call goes here. */
    readonly zkLite: string;
    readonly zkLiteTarget: string;
    readonly zkLiteExtension: string;
    readonly governance: string;
    readonly governanceTarget: string;
    /** The VerifierAdapter (immutable; a new one comes with a new rollup implementation). */
    readonly verifier: string;
    readonly upgradeGatekeeper: string;
    readonly nftFactory: string;
  };
  /** Groth16 verifier per block size (chunks, as a decimal string). */
  readonly blockVerifiers: Readonly<Record<string, string>>;
  readonly exitVerifier: string;
  readonly genesis: { readonly stateRoot: string; readonly storedBlockInfo: StoredBlockInfoJson };
  readonly tokens: readonly DeployedToken[];
}
