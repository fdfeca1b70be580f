import type { CheckpointStore, JsonValue } from "@cloud-ledger/domain";
import { StoreClosedError } from "@cloud-ledger/domain";
import { assertValidSnapshot } from "../checkpoint-memory/snapshot-guard.js";
import { openConnection, type Connection, type PostgresConnectionOptions } from "../postgres/connection.js";
import { migrate } from "../postgres/migrations.js";

/** A stored checkpoint that cannot be read back (edited by hand, or written by something else). */
export class CorruptCheckpointError extends Error {
  override readonly name = "CorruptCheckpointError";
  constructor(
    readonly projection: string,
    readonly reason: string,
  ) {
    super(`Corrupt checkpoint for projection '${projection}': ${reason}`);
  }
}

/**
 * Checkpoints in table cl_checkpoints of the event store's schema (same migrations). `save` is one
 * INSERT ... ON CONFLICT DO UPDATE, so position and state always change together. Pass the same client as a
 * projection's read-model writes, inside BEGIN, to commit the checkpoint with them.
 */
export async function createPostgresCheckpointStore(options: PostgresConnectionOptions): Promise<CheckpointStore> {
  const connection = openConnection(options);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.release();
    throw error;
  }
  return postgresCheckpointStore(connection);
}

function postgresCheckpointStore(connection: Connection): CheckpointStore {
  const table = connection.qualified("cl_checkpoints");
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("postgres checkpoint");
  };
  return {
    async load(projection) {
      ensureOpen();
      const [row] = await connection.query<{ position: string; state: string }>(
        `SELECT position, state FROM ${table} WHERE projection = $1`,
        [projection],
      );
      if (row === undefined) return undefined;
      try {
        return { position: Number(row.position), state: JSON.parse(row.state) as JsonValue };
      } catch (error) {
        throw new CorruptCheckpointError(projection, `state is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    async save(projection, snapshot) {
      ensureOpen();
      assertValidSnapshot(projection, snapshot);
      await connection.query(
        `INSERT INTO ${table} (projection, position, state) VALUES ($1, $2, $3)
         ON CONFLICT (projection) DO UPDATE SET position = excluded.position, state = excluded.state, saved_at = now()`,
        [projection, snapshot.position, JSON.stringify(snapshot.state)],
      );
    },
    async reset(projection) {
      ensureOpen();
      await connection.query(`DELETE FROM ${table} WHERE projection = $1`, [projection]);
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.release();
    },
  };
}
