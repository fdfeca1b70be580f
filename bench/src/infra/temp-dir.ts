import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh folder under the OS temp dir for one bench run (logs, SQLite files, the fsync probe). */
export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): void;
}

export function createTempDir(prefix = "cloud-ledger-bench-"): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
