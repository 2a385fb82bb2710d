/** The L1 operations the eth-sender sends, one pipeline each (revert: an operator's request). */
export type OperationKind = "commit" | "prove" | "execute" | "revert";

export const PIPELINES = ["commit", "prove", "execute"] as const;
export type PipelineKind = (typeof PIPELINES)[number];

/** The Block columns each confirmed operation fills. */
export const BLOCK_COLUMNS = {
  commit: { hash: "commitTxHash", at: "committedAt", status: "committed" },
  prove: { hash: "proveTxHash", at: "provenAt", status: "proven" },
  execute: { hash: "executeTxHash", at: "executedAt", status: "executed" },
} as const;
