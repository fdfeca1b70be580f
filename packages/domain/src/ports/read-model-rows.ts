import type { JsonValue } from "./event-store.js";

/**
 * Persisted read models are keyed rows: (model, scope, key) -> value, with a numeric `sort` for ordered scans
 * (an execution's start time, an audit entry's position). A scope is what one query reads: an organization, a
 * project, a user's memberships. Every query reads rows by key or by scope, so its cost follows what it returns,
 * not the length of the log.
 */
export interface StoredRow {
  readonly key: string;
  readonly sort: number;
  readonly value: JsonValue;
}

/** One row to write (`value` undefined deletes it). */
export interface RowWrite {
  readonly model: string;
  readonly scope: string;
  readonly key: string;
  readonly sort: number;
  readonly value: JsonValue | undefined;
}

/** What the rows reflect: the row models' version and the global position folded up to. */
export interface RowCheckpoint {
  readonly version: string;
  readonly position: number;
}

/** Where an ordered scan resumes: strictly after this (sort, key). */
export interface RowCursor {
  readonly sort: number;
  readonly key: string;
}

export interface RowScan {
  /** By sort, then by key ascending (code-unit order) in both directions. */
  readonly order: "asc" | "desc";
  readonly limit: number;
  readonly after?: RowCursor;
}

/**
 * The port a persisted read-model store implements (SQLite and PostgreSQL tables, or memory). `commit` writes rows
 * and moves the checkpoint in ONE transaction, and only if the stored checkpoint is still `from`: two processes
 * catching up at once never interleave their rows, and a crash leaves the old rows and checkpoint or the new ones.
 */
export interface ReadModelRowStore {
  readonly name: string;
  checkpoint(): Promise<RowCheckpoint | undefined>;
  get(model: string, scope: string, key: string): Promise<JsonValue | undefined>;
  scan(model: string, scope: string, scan: RowScan): Promise<readonly StoredRow[]>;
  /**
   * Applies `writes` (after deleting every row first when `reset`) and sets the checkpoint to `to`. Returns false and
   * writes nothing when the stored checkpoint is not `from` (another process moved it).
   */
  commit(from: RowCheckpoint | undefined, to: RowCheckpoint, writes: readonly RowWrite[], reset: boolean): Promise<boolean>;
  close(): Promise<void>;
}

/** Compares two checkpoints (undefined = none stored). */
export function sameRowCheckpoint(a: RowCheckpoint | undefined, b: RowCheckpoint | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.version === b.version && a.position === b.position;
}
