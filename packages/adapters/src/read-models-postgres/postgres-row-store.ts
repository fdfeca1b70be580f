import type { JsonValue, ReadModelRowStore, RowCheckpoint, RowScan, StoredRow } from "@cloud-ledger/domain";
import { sameRowCheckpoint, StoreClosedError } from "@cloud-ledger/domain";
import { openConnection, type Connection, type PostgresConnectionOptions } from "../postgres/connection.js";

/**
 * Persisted read models in tables of the event store's schema: cl_read_model_rows keyed by (model, scope, key) with
 * an index on (model, scope, sort, key) for ordered pages (values are JSON text: jsonb would reorder object keys),
 * and the one-row cl_read_model_checkpoint. Text columns
 * compare with COLLATE "C" (code-unit order for the keys the read models use), like the memory and SQLite stores.
 * A commit is one transaction that locks the checkpoint row and checks it is still the one the catch-up began from.
 */
export async function createPostgresRowStore(options: PostgresConnectionOptions): Promise<ReadModelRowStore> {
  const connection = openConnection(options);
  try {
    await createTables(connection);
  } catch (error) {
    await connection.release();
    throw error;
  }
  return postgresRowStore(connection);
}

async function createTables(connection: Connection): Promise<void> {
  const t = connection.qualified;
  await connection.transaction(async (query) => {
    await query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`cloud-ledger read models ${connection.schema}`]);
    const existing = await query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [connection.schema]);
    if (existing.length === 0) await query(`CREATE SCHEMA "${connection.schema}"`);
    await query(`
      CREATE TABLE IF NOT EXISTS ${t("cl_read_model_rows")} (
        model text COLLATE "C" NOT NULL,
        scope text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        sort bigint NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (model, scope, key)
      )`);
    await query(`CREATE INDEX IF NOT EXISTS cl_read_model_rows_sorted ON ${t("cl_read_model_rows")} (model, scope, sort, key)`);
    await query(`
      CREATE TABLE IF NOT EXISTS ${t("cl_read_model_checkpoint")} (
        id integer PRIMARY KEY CHECK (id = 1),
        version text NOT NULL,
        position bigint NOT NULL
      )`);
  });
}

function postgresRowStore(connection: Connection): ReadModelRowStore {
  const rows = connection.qualified("cl_read_model_rows");
  const checkpointTable = connection.qualified("cl_read_model_checkpoint");
  const columns = `SELECT key, sort, value FROM ${rows} WHERE model = $1 AND scope = $2`;
  const scans = {
    asc: connection.statement<{ key: string; sort: string; value: string }>(`${columns} ORDER BY sort ASC, key ASC LIMIT $3`),
    ascAfter: connection.statement<{ key: string; sort: string; value: string }>(
      `${columns} AND (sort > $3 OR (sort = $3 AND key > $4)) ORDER BY sort ASC, key ASC LIMIT $5`,
    ),
    desc: connection.statement<{ key: string; sort: string; value: string }>(`${columns} ORDER BY sort DESC, key ASC LIMIT $3`),
    descAfter: connection.statement<{ key: string; sort: string; value: string }>(
      `${columns} AND (sort < $3 OR (sort = $3 AND key > $4)) ORDER BY sort DESC, key ASC LIMIT $5`,
    ),
  };
  const selectRow = connection.statement<{ value: string }>(`SELECT value FROM ${rows} WHERE model = $1 AND scope = $2 AND key = $3`);
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("postgres read models");
  };
  type CheckpointRow = { version: string; position: string };
  const toCheckpoint = (row: CheckpointRow | undefined): RowCheckpoint | undefined =>
    row === undefined ? undefined : { version: row.version, position: Number(row.position) };
  return {
    name: "postgres",
    async checkpoint() {
      ensureOpen();
      const [row] = await connection.query<CheckpointRow>(`SELECT version, position FROM ${checkpointTable} WHERE id = 1`);
      return toCheckpoint(row);
    },
    async get(model, scope, key) {
      ensureOpen();
      const [row] = await selectRow([model, scope, key]);
      return row === undefined ? undefined : (JSON.parse(row.value) as JsonValue);
    },
    async scan(model, scope, scan: RowScan) {
      ensureOpen();
      const { after } = scan;
      const found =
        after === undefined
          ? await scans[scan.order]([model, scope, scan.limit])
          : await scans[scan.order === "asc" ? "ascAfter" : "descAfter"]([model, scope, after.sort, after.key, scan.limit]);
      return found.map((r): StoredRow => ({ key: r.key, sort: Number(r.sort), value: JSON.parse(r.value) as JsonValue }));
    },
    async commit(from, to, writes, reset) {
      ensureOpen();
      return connection.transaction(async (query) => {
        // An empty checkpoint table has no row to lock: the advisory lock orders first commits too.
        await query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`cloud-ledger read models ${connection.schema}`]);
        const [row] = await query<CheckpointRow>(`SELECT version, position FROM ${checkpointTable} WHERE id = 1`);
        if (!sameRowCheckpoint(toCheckpoint(row), from)) return false;
        if (reset) await query(`DELETE FROM ${rows}`);
        const deletes = writes.filter((w) => w.value === undefined);
        const upserts = writes.filter((w) => w.value !== undefined);
        for (let i = 0; i < deletes.length; i += 5000) {
          const chunk = deletes.slice(i, i + 5000);
          await query(
            `DELETE FROM ${rows} r USING unnest($1::text[], $2::text[], $3::text[]) AS d(model, scope, key)
             WHERE r.model = d.model AND r.scope = d.scope AND r.key = d.key`,
            [chunk.map((w) => w.model), chunk.map((w) => w.scope), chunk.map((w) => w.key)],
          );
        }
        for (let i = 0; i < upserts.length; i += 5000) {
          const chunk = upserts.slice(i, i + 5000);
          await query(
            `INSERT INTO ${rows} (model, scope, key, sort, value)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
             ON CONFLICT (model, scope, key) DO UPDATE SET sort = excluded.sort, value = excluded.value`,
            [
              chunk.map((w) => w.model),
              chunk.map((w) => w.scope),
              chunk.map((w) => w.key),
              chunk.map((w) => w.sort),
              chunk.map((w) => JSON.stringify(w.value)),
            ],
          );
        }
        await query(
          `INSERT INTO ${checkpointTable} (id, version, position) VALUES (1, $1, $2)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, position = excluded.position`,
          [to.version, to.position],
        );
        return true;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.release();
    },
  };
}
