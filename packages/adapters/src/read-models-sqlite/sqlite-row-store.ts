import type { JsonValue } from "@cloud-ledger/domain";
import { sameRowCheckpoint, StoreClosedError } from "@cloud-ledger/domain";
import type { ReadModelRowStore, RowCheckpoint, RowScan, StoredRow } from "@cloud-ledger/domain";
import { later, openDatabase, type SqliteConnectionOptions } from "../sqlite/open-database.js";
import { migrate } from "../sqlite/migrations.js";

const ROW_MIGRATIONS = [
  `CREATE TABLE read_model_rows (
     model TEXT NOT NULL,
     scope TEXT NOT NULL,
     key TEXT NOT NULL,
     sort INTEGER NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (model, scope, key)
   ) STRICT;
   CREATE INDEX read_model_rows_sorted ON read_model_rows (model, scope, sort, key);
   CREATE TABLE read_model_checkpoint (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     version TEXT NOT NULL,
     position INTEGER NOT NULL
   ) STRICT`,
];

/** A stored read-model row that does not parse: the rows were edited behind the library's back. */
export class CorruptReadModelRowError extends Error {
  override readonly name = "CorruptReadModelRowError";
}

function parse(model: string, scope: string, key: string, text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new CorruptReadModelRowError(`Read-model row ${model}/${scope}/${key} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Persisted read models in tables of a SQLite file (normally the event store's own file): rows keyed by
 * (model, scope, key) with an index on (model, scope, sort, key) for ordered pages, and a one-row checkpoint table.
 * A commit is one IMMEDIATE transaction that checks the checkpoint it started from, so two processes catching up
 * at once cannot both commit. Synchronous NORMAL: a power cut may lose the last commits, which the next catch-up
 * redoes from the log.
 */
export function openSqliteRowStore(options: Pick<SqliteConnectionOptions, "path" | "busyTimeoutMs">): ReadModelRowStore {
  const db = openDatabase({ ...options, synchronous: "NORMAL" });
  try {
    migrate(db, "read-models", ROW_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const selectCheckpoint = db.prepare("SELECT version, position FROM read_model_checkpoint WHERE id = 1");
  const selectRow = db.prepare("SELECT value FROM read_model_rows WHERE model = ? AND scope = ? AND key = ?").pluck();
  const columns = "SELECT key, sort, value FROM read_model_rows WHERE model = ? AND scope = ?";
  const scans = {
    asc: db.prepare(`${columns} ORDER BY sort ASC, key ASC LIMIT ?`),
    ascAfter: db.prepare(`${columns} AND (sort > ? OR (sort = ? AND key > ?)) ORDER BY sort ASC, key ASC LIMIT ?`),
    desc: db.prepare(`${columns} ORDER BY sort DESC, key ASC LIMIT ?`),
    descAfter: db.prepare(`${columns} AND (sort < ? OR (sort = ? AND key > ?)) ORDER BY sort DESC, key ASC LIMIT ?`),
  };
  const upsert = db.prepare(
    "INSERT INTO read_model_rows (model, scope, key, sort, value) VALUES (?, ?, ?, ?, ?) " +
      "ON CONFLICT (model, scope, key) DO UPDATE SET sort = excluded.sort, value = excluded.value",
  );
  const remove = db.prepare("DELETE FROM read_model_rows WHERE model = ? AND scope = ? AND key = ?");
  const removeAll = db.prepare("DELETE FROM read_model_rows");
  const saveCheckpoint = db.prepare(
    "INSERT INTO read_model_checkpoint (id, version, position) VALUES (1, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, position = excluded.position",
  );
  const readCheckpoint = (): RowCheckpoint | undefined => {
    const row = selectCheckpoint.get() as { version: string; position: number } | undefined;
    return row === undefined ? undefined : { version: row.version, position: row.position };
  };
  type Writes = Parameters<ReadModelRowStore["commit"]>[2];
  const commit = db.transaction((from: RowCheckpoint | undefined, to: RowCheckpoint, writes: Writes, reset: boolean) => {
    if (!sameRowCheckpoint(readCheckpoint(), from)) return false;
    if (reset) removeAll.run();
    for (const w of writes) {
      if (w.value === undefined) remove.run(w.model, w.scope, w.key);
      else upsert.run(w.model, w.scope, w.key, w.sort, JSON.stringify(w.value));
    }
    saveCheckpoint.run(to.version, to.position);
    return true;
  });
  const ensureOpen = (): void => {
    if (!db.open) throw new StoreClosedError("sqlite read models");
  };
  return {
    name: "sqlite",
    checkpoint: () =>
      later(() => {
        ensureOpen();
        return readCheckpoint();
      }),
    get: (model, scope, key) =>
      later(() => {
        ensureOpen();
        const text = selectRow.get(model, scope, key) as string | undefined;
        return text === undefined ? undefined : parse(model, scope, key, text);
      }),
    scan: (model, scope, scan: RowScan) =>
      later(() => {
        ensureOpen();
        const { after } = scan;
        const found = (
          after === undefined
            ? scans[scan.order].all(model, scope, scan.limit)
            : scans[scan.order === "asc" ? "ascAfter" : "descAfter"].all(model, scope, after.sort, after.sort, after.key, scan.limit)
        ) as { key: string; sort: number; value: string }[];
        return found.map((r): StoredRow => ({ key: r.key, sort: r.sort, value: parse(model, scope, r.key, r.value) }));
      }),
    commit: (from, to, writes, reset) =>
      later(() => {
        ensureOpen();
        return commit.immediate(from, to, writes, reset);
      }),
    close: () =>
      later(() => {
        if (db.open) db.close();
      }),
  };
}
