import type { ExecutionLogLine, ExecutionLogStore, NewLogLine, RunnerLease, RunnerLeaseStore } from "@cloud-ledger/domain";
import { later, openDatabase, type SqliteDatabase } from "../sqlite/open-database.js";

/** Meltano Cloud's log events are CloudWatch events (at most 256 KiB); a line here is cut well before that. */
export const MAX_LOG_LINE_CHARS = 8192;

export interface SqliteExecutionLogOptions {
  /** The database file, created when missing (the CLI keeps it as `executions.sqlite` in its home). */
  readonly path: string;
  /** Longest stored line; longer ones are cut and marked. Default MAX_LOG_LINE_CHARS. */
  readonly maxLineChars?: number;
}

export interface SqliteExecutionLogStore extends ExecutionLogStore, RunnerLeaseStore {}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS execution_log (
    execution_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
    text TEXT NOT NULL,
    PRIMARY KEY (execution_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS runner_lease (
    execution_id TEXT PRIMARY KEY,
    runner_id TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );
`;

/** Cuts a line to `max` characters (never inside a surrogate pair) and says how much was left out. */
export function boundLine(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [line cut: ${text.length - end} more characters]`;
}

/**
 * Execution logs and runner leases in one SQLite file (WAL: readers never block the runner, and an append of a batch is
 * one transaction, so `logs print` sees whole batches). Rows are only ever inserted; sequence numbers come from the
 * same write transaction, so two writers of one execution cannot take the same number.
 */
export function openSqliteExecutionLogStore(options: SqliteExecutionLogOptions): SqliteExecutionLogStore {
  const maxLineChars = options.maxLineChars ?? MAX_LOG_LINE_CHARS;
  if (!Number.isSafeInteger(maxLineChars) || maxLineChars < 16) throw new RangeError("maxLineChars must be an integer >= 16");
  const db: SqliteDatabase = openDatabase({ path: options.path, synchronous: "NORMAL" });
  db.exec(SCHEMA);
  const lastSeq = db.prepare<[string], { seq: number | null }>("SELECT MAX(seq) AS seq FROM execution_log WHERE execution_id = ?");
  const insert = db.prepare("INSERT INTO execution_log (execution_id, seq, at, stream, text) VALUES (?, ?, ?, ?, ?)");
  const select = db.prepare<[string, number, number], ExecutionLogLine>(
    "SELECT seq, at, stream, text FROM execution_log WHERE execution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
  );
  const upsertLease = db.prepare(
    `INSERT INTO runner_lease (execution_id, runner_id, heartbeat_at) VALUES (?, ?, ?)
     ON CONFLICT (execution_id) DO UPDATE SET runner_id = excluded.runner_id, heartbeat_at = excluded.heartbeat_at`,
  );
  const deleteLease = db.prepare("DELETE FROM runner_lease WHERE execution_id = ?");
  const selectLeases = db.prepare<[], RunnerLease>(
    "SELECT execution_id AS executionId, runner_id AS runnerId, heartbeat_at AS heartbeatAt FROM runner_lease ORDER BY execution_id",
  );
  const appendBatch = db.transaction((executionId: string, lines: readonly NewLogLine[]) => {
    let seq = lastSeq.get(executionId)?.seq ?? 0;
    for (const line of lines) insert.run(executionId, ++seq, line.at, line.stream, boundLine(line.text, maxLineChars));
  });
  let closed = false;
  return {
    append: (executionId, lines) => later(() => (lines.length === 0 ? undefined : appendBatch.immediate(executionId, lines))),
    read: (executionId, readOptions = {}) =>
      later(() => select.all(executionId, readOptions.afterSeq ?? 0, readOptions.limit ?? Number.MAX_SAFE_INTEGER)),
    heartbeat: (lease) => later(() => void upsertLease.run(lease.executionId, lease.runnerId, lease.heartbeatAt)),
    release: (executionId) => later(() => void deleteLease.run(executionId)),
    leases: () => later(() => selectLeases.all()),
    close: () =>
      later(() => {
        if (closed) return;
        closed = true;
        db.close();
      }),
  };
}
