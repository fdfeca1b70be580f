import { accessSync, constants, existsSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Checks a SQLite store file before the adapter opens it (opening runs migrations, i.e. writes): a read needs an
 * existing cloud-ledger store; a write may create a new file in an existing folder, but never adds tables to a file
 * that holds something else. Returns the reason it cannot be used, or undefined.
 */
export function sqliteStoreProblem(file: string, access: "read" | "write"): string | undefined {
  if (!existsSync(file)) {
    if (access === "read") return "no event store exists there yet";
    const folder = path.dirname(file);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return `the folder ${folder} does not exist`;
    return undefined;
  }
  const info = statSync(file);
  if (!info.isFile()) return "it is not a file";
  if (access === "write" && !isWritable(file))
    return "the file is read-only; this command writes (reads and `audit verify` work on a read-only file)";
  if (info.size === 0) return access === "read" ? "the file is empty" : undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const hasSchema =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cloud_ledger_schema'").pluck().get() !== undefined;
    const hasEvents = hasSchema && db.prepare("SELECT 1 FROM cloud_ledger_schema WHERE component = 'events'").pluck().get() !== undefined;
    return hasEvents ? undefined : "it is a SQLite database but not a cloud-ledger event store";
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "SQLITE_READONLY_DIRECTORY" || code === "SQLITE_CANTOPEN") return readOnlyFolderProblem(file);
    return `it cannot be read as a SQLite database (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}

/** A store in WAL mode needs its -shm file even to be read, and a read-only folder cannot hold a new one. */
export function readOnlyFolderProblem(file: string): string {
  return (
    `SQLite needs to create ${path.basename(file)}-shm next to a store in WAL mode even to read it, and the folder ` +
    `${path.dirname(file)} is read-only; copy the file into a writable folder`
  );
}

/** Whether this process may write `file`. */
export function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
