import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

export interface SqliteConnectionOptions {
  /** The database file (created when missing). `":memory:"` gives a private, single-connection database. */
  readonly path: string;
  /** FULL (default) survives power loss after every acknowledged append; NORMAL may lose the last commits. */
  readonly synchronous?: "FULL" | "NORMAL";
  /** How long a writer waits for another connection's write lock before failing. Default 10 s. */
  readonly busyTimeoutMs?: number;
  /**
   * Open an existing file for reading only (default false): nothing is created, migrated or written, so a read-only
   * copy of a store can be read and audited. Appends then fail with SQLite's SQLITE_READONLY.
   */
  readonly readonly?: boolean;
}

/**
 * Opens one connection in WAL mode: readers never block the writer, and writers from several connections or
 * processes queue on the write lock (busy_timeout) instead of failing at once.
 *
 * Page size stays SQLite's 4 KiB on purpose: 16 KiB pages made appends dearer than they made reads cheaper (each
 * commit rewrites its partly filled table and index pages into the WAL at four times the size; bench/NOTES.md).
 */
export function openDatabase(options: SqliteConnectionOptions): SqliteDatabase {
  const synchronous = options.synchronous ?? "FULL";
  if (synchronous !== "FULL" && synchronous !== "NORMAL") {
    throw new RangeError(`synchronous must be "FULL" or "NORMAL", got ${String(synchronous)}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new RangeError("busyTimeoutMs must be an integer >= 0");
  const readonly = options.readonly === true;
  const db = new Database(options.path, readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // The journal mode is the file's own (a store is created in WAL mode); setting it would be a write.
    if (readonly) return db;
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs synchronous driver work as a promise, so a thrown error becomes a rejection. */
export function later<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}
