import type { CheckpointStore, JsonValue } from "@cloud-ledger/domain";
import { StoreClosedError } from "@cloud-ledger/domain";
import type { SqliteConnectionOptions } from "../sqlite/open-database.js";
import { later, openDatabase } from "../sqlite/open-database.js";
import { migrate } from "../sqlite/migrations.js";
import { assertValidSnapshot } from "../checkpoint-memory/snapshot-guard.js";

export type SqliteCheckpointStoreOptions = SqliteConnectionOptions;

/** A stored checkpoint whose state no longer parses. */
export class CorruptCheckpointError extends Error {
  override readonly name = "CorruptCheckpointError";
  constructor(
    readonly projection: string,
    readonly reason: string,
  ) {
    super(`Corrupt checkpoint for projection '${projection}': ${reason}`);
  }
}

const CHECKPOINT_MIGRATIONS = [
  `CREATE TABLE projection_checkpoints (
     projection TEXT PRIMARY KEY,
     position INTEGER NOT NULL,
     state TEXT NOT NULL
   ) STRICT`,
];

/**
 * Projection checkpoints in a SQLite file (may be the event store's own file). Position and state live in one row
 * written by one statement inside a write transaction, so a crash leaves the old pair or the new one.
 */
export function openSqliteCheckpointStore(options: SqliteCheckpointStoreOptions): CheckpointStore {
  const db = openDatabase(options);
  try {
    migrate(db, "checkpoints", CHECKPOINT_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const select = db.prepare("SELECT position, state FROM projection_checkpoints WHERE projection = ?").raw();
  const upsert = db.prepare(
    "INSERT INTO projection_checkpoints (projection, position, state) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE " +
      "SET position = excluded.position, state = excluded.state",
  );
  const remove = db.prepare("DELETE FROM projection_checkpoints WHERE projection = ?");
  const save = db.transaction((projection: string, position: number, state: string) => {
    upsert.run(projection, position, state);
  });
  const ensureOpen = (): void => {
    if (!db.open) throw new StoreClosedError("sqlite checkpoint");
  };

  return {
    load: (projection) =>
      later(() => {
        ensureOpen();
        const row = select.get(projection) as [unknown, unknown] | undefined;
        if (row === undefined) return undefined;
        const [position, text] = row;
        if (typeof position !== "number" || typeof text !== "string")
          throw new CorruptCheckpointError(projection, "columns have the wrong type");
        try {
          return { position, state: JSON.parse(text) as JsonValue };
        } catch (error) {
          throw new CorruptCheckpointError(projection, `state is not valid JSON (${(error as Error).message})`);
        }
      }),
    save: (projection, snapshot) =>
      later(() => {
        ensureOpen();
        assertValidSnapshot(projection, snapshot);
        save.immediate(projection, snapshot.position, JSON.stringify(snapshot.state));
      }),
    reset: (projection) =>
      later(() => {
        ensureOpen();
        remove.run(projection);
      }),
    close: () =>
      later(() => {
        if (db.open) db.close();
      }),
  };
}
