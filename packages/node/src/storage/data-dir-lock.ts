import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ZkLiteError } from "@zklite/protocol";

/**
 * PGlite is one Postgres instance inside one process: two processes on the same data directory would
 * corrupt it. The lock file holds the owner's pid; a lock left by a dead process (kill -9) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, "zklite.lock");
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx");
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const owner = Number(readFileSync(path, "utf8").trim());
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
          throw new ZkLiteError(
            "DATA_DIR_LOCKED",
            `the embedded database in ${dataDir} is in use by process ${owner}: PGlite allows one process; stop it, or run every service on PostgreSQL (DATABASE_URL)`,
          );
        }
        rmSync(path, { force: true });
      }
    }
    throw new ZkLiteError("DATA_DIR_LOCKED", `could not lock ${path}`);
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
