import type { Connection } from "./connection.js";

/**
 * Versioned schema migrations. Each runs once, in order, inside one transaction that also records it in
 * cl_schema_migrations; an advisory lock keyed on the schema makes concurrent openers wait instead of racing.
 * Append-only: never edit a published migration, add the next one.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (t: (table: string) => string) => string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "event log, stream versions and the global head",
    // data and metadata are kept as text, not jsonb: jsonb reorders keys and drops duplicate ones, and the NDJSON
    // export must give back the exact bytes that were appended. Every read decodes and checks them instead.
    // cl_head holds the last global position; appends update its single row, which serialises them (see append-sql.ts).
    sql: (t) => `
      CREATE TABLE ${t("cl_streams")} (
        stream_name text PRIMARY KEY,
        version bigint NOT NULL CHECK (version >= 1)
      );
      CREATE TABLE ${t("cl_head")} (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        position bigint NOT NULL CHECK (position >= 0)
      );
      INSERT INTO ${t("cl_head")} (id, position) VALUES (true, 0);
      CREATE TABLE ${t("cl_events")} (
        global_position bigint PRIMARY KEY CHECK (global_position >= 1),
        stream_name text NOT NULL,
        version bigint NOT NULL CHECK (version >= 1),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data text NOT NULL,
        metadata text NOT NULL,
        hash text NOT NULL,
        UNIQUE (stream_name, version)
      );`,
  },
  {
    version: 2,
    name: "projection checkpoints",
    sql: (t) => `
      CREATE TABLE ${t("cl_checkpoints")} (
        projection text PRIMARY KEY,
        position bigint NOT NULL CHECK (position >= 0),
        state text NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export class UnsupportedSchemaVersionError extends Error {
  override readonly name = "UnsupportedSchemaVersionError";
  constructor(
    readonly schema: string,
    readonly found: number,
  ) {
    super(
      `PostgreSQL schema '${schema}' is at cloud-ledger schema version ${found}, newer than this library's ` +
        `${LATEST_SCHEMA_VERSION}: upgrade the library`,
    );
  }
}

/** Brings the schema up to date; safe to call any number of times, from any number of processes. Returns the versions it applied. */
export async function migrate(connection: Connection): Promise<number[]> {
  const t = connection.qualified;
  return connection.transaction(async (query) => {
    await query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`cloud-ledger migrations ${connection.schema}`]);
    const existing = await query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [connection.schema]);
    if (existing.length === 0) await query(`CREATE SCHEMA "${connection.schema}"`);
    await query(`
      CREATE TABLE IF NOT EXISTS ${t("cl_schema_migrations")} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const rows = await query<{ version: number }>(`SELECT version FROM ${t("cl_schema_migrations")}`);
    const done = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    if (newest > LATEST_SCHEMA_VERSION) throw new UnsupportedSchemaVersionError(connection.schema, newest);
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await query(migration.sql(t));
      await query(`INSERT INTO ${t("cl_schema_migrations")} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
