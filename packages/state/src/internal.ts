/**
 * `@zklite/state/internal`: the writable side of the state trees, for the executor's own tests and the few
 * zkLite packages that must write outside the executor (the circuits' witness builder replays a block and
 * reverts it; circuit tests and benches build random trees). Not a public API: applications read through
 * `StateTree` and change state only through `RollupState` (blocks, `applyDiff`).
 */
export { MutableStateTree, writableTree } from "./state/mutable-state-tree.js";
