import pg from "pg";
import type { EventStore } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "./postgres-event-store.js";

/**
 * Runs `work` on a store whose every append joins ONE transaction on a connection of its own (the store joins a
 * caller's client inside BEGIN): it commits when `work` resolves and rolls back when it throws; a process killed
 * meanwhile drops the connection, and PostgreSQL rolls the transaction back. The first append takes the head row's
 * lock and holds it to the end, so later appends by others wait for the commit. For bulk writes such as a log import.
 */
export async function withPostgresTransaction<T>(
  options: { readonly connectionString: string; readonly schema?: string },
  work: (store: EventStore) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: options.connectionString });
  // A connection that drops emits 'error'; the query in flight then fails with it, which is the error to report.
  client.on("error", () => undefined);
  await client.connect();
  try {
    // Opened before BEGIN: opening runs the migrations in their own transaction.
    const store = await createPostgresEventStore(options.schema === undefined ? { client } : { client, schema: options.schema });
    await client.query("BEGIN");
    try {
      const result = await work(store);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
