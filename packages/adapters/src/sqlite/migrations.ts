import type { SqliteDatabase } from "./open-database.js";

/** Each component (event store, checkpoints) owns a list of steps; step i takes the schema to version i + 1. */
export type Migrations = readonly string[];

export class SchemaTooNewError extends Error {
  override readonly name = "SchemaTooNewError";
  constructor(
    readonly component: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(`The database's ${component} schema is at version ${found}, newer than this library's ${known}; upgrade cloud-ledger`);
  }
}

/**
 * Brings one component's tables up to date inside a write transaction, so several processes opening the same
 * file at once apply each step exactly once.
 */
export function migrate(db: SqliteDatabase, component: string, steps: Migrations): void {
  db.transaction(() => {
    db.exec("CREATE TABLE IF NOT EXISTS cloud_ledger_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT");
    const found =
      (db.prepare("SELECT version FROM cloud_ledger_schema WHERE component = ?").pluck().get(component) as number | undefined) ?? 0;
    if (found > steps.length) throw new SchemaTooNewError(component, found, steps.length);
    for (let version = found; version < steps.length; version += 1) db.exec(steps[version]!);
    if (found < steps.length) {
      db.prepare(
        "INSERT INTO cloud_ledger_schema (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = " +
          "excluded.version",
      ).run(component, steps.length);
    }
  }).immediate();
}

/** A read-only connection cannot migrate: a store at another schema version than this library's is refused. */
export function assertMigrated(db: SqliteDatabase, component: string, steps: Migrations): void {
  const hasTable =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cloud_ledger_schema'").pluck().get() !== undefined;
  const found = hasTable
    ? ((db.prepare("SELECT version FROM cloud_ledger_schema WHERE component = ?").pluck().get(component) as number | undefined) ?? 0)
    : 0;
  if (found > steps.length) throw new SchemaTooNewError(component, found, steps.length);
  if (found < steps.length) {
    throw new Error(
      `The database's ${component} schema is at version ${found}, older than this library's ${steps.length}; open it once ` +
        `for writing to upgrade it`,
    );
  }
}

export const EVENT_STORE_MIGRATIONS: Migrations = [
  `CREATE TABLE events (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     stream TEXT NOT NULL,
     version INTEGER NOT NULL,
     event_id TEXT NOT NULL,
     type TEXT NOT NULL,
     schema_version INTEGER NOT NULL,
     data TEXT NOT NULL,
     metadata TEXT NOT NULL,
     hash TEXT NOT NULL,
     UNIQUE (stream, version)
   ) STRICT`,
];
