import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ReadableCopy {
  readonly path: string;
  remove(): void;
}

function writableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * SQLite reads a store in WAL mode only through its -shm file, which it cannot create in a read-only folder (a
 * mounted backup, a snapshot). Then a private copy (the file and its -wal, if any) in a temporary folder is read
 * instead; no writer can be at work there, since a writer would have created the -shm file. Undefined when the store
 * can be read where it is.
 */
export function readableCopyIfNeeded(file: string): ReadableCopy | undefined {
  if (existsSync(`${file}-shm`) || writableFolder(path.dirname(file))) return undefined;
  const folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-read-only-"));
  try {
    const copy = path.join(folder, path.basename(file));
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    return { path: copy, remove: () => rmSync(folder, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
