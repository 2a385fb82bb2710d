import { stateError } from "../errors.js";

/**
 * Undo log for rollback. Every state mutation records how to undo itself while at least one
 * checkpoint is open; `revertTo` undoes everything recorded after a checkpoint, newest first.
 * With no open checkpoint nothing is recorded, so plain execution pays nothing for it.
 */
export class Journal {
  private readonly undos: (() => void)[] = [];
  private openCheckpoints = 0;

  get isRecording(): boolean {
    return this.openCheckpoints > 0;
  }

  record(undo: () => void): void {
    if (this.openCheckpoints > 0) this.undos.push(undo);
  }

  /** Opens a checkpoint; close it with exactly one `revertTo` or `release`. */
  checkpoint(): number {
    this.openCheckpoints++;
    return this.undos.length;
  }

  revertTo(checkpoint: number): void {
    while (this.undos.length > checkpoint) (this.undos.pop() as () => void)();
    this.close();
  }

  /** Keeps the changes made since `checkpoint`. */
  release(checkpoint: number): void {
    this.close();
    // Undos above an enclosing checkpoint must survive; drop them only when nothing can revert.
    if (this.openCheckpoints === 0) this.undos.length = 0;
    else if (checkpoint > this.undos.length) throw stateError("INVALID_ARGUMENT", "checkpoint released out of order");
  }

  private close(): void {
    if (this.openCheckpoints === 0) throw stateError("INVALID_ARGUMENT", "no open checkpoint");
    this.openCheckpoints--;
  }
}
