import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { useTestDatabase } from "./support/postgres.js";

/**
 * The store runs its statements as named prepared statements (planned once per connection). These are the ways that
 * can go wrong: two stores sharing a connection, a statement first used inside a failed transaction, and the schema
 * changing under a cached plan.
 */
describe("postgres event store: prepared statements", () => {
  const database = useTestDatabase();

  it("keeps two schemas' statements apart on one shared connection", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on("error", () => undefined);
    const left = await createPostgresEventStore({ pool, schema: "prep_left" });
    const right = await createPostgresEventStore({ pool, schema: "prep_right" });
    for (let round = 1; round <= 3; round += 1) {
      await left.append("s", sampleEvents("s", 2), { expectedVersion: round === 1 ? "no_stream" : (round - 1) * 2 });
      await right.append("s", sampleEvents("s", 1), { expectedVersion: round === 1 ? "no_stream" : round - 1 });
    }
    expect((await left.readStream("s")).map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await right.readStream("s")).map((e) => e.globalPosition)).toEqual([1, 2, 3]);
    const { rows } = await pool.query<{ count: string }>("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'cl_%'");
    expect(Number(rows[0]?.count), "each store's append and forward stream read, prepared once on the one connection").toBe(4);
    await Promise.all([left.close(), right.close()]);
    await pool.end();
  });

  it("prepares again after a statement's first use failed inside an aborted transaction", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const store = await createPostgresEventStore({ client, schema: "prep_aborted" });
    await client.query("BEGIN");
    await expect(client.query("SELECT 1 / 0")).rejects.toThrow(/division by zero/);
    // The first append on this connection: its Parse is refused because the transaction is aborted.
    await expect(store.append("s", sampleEvents("s", 1), { expectedVersion: "no_stream" })).rejects.toThrow(/aborted/);
    await expect(store.readStream("s")).rejects.toThrow(/aborted/);
    await client.query("ROLLBACK");
    await store.append("s", sampleEvents("s", 2), { expectedVersion: "no_stream" });
    expect((await store.readStream("s")).map((e) => e.version)).toEqual([1, 2]);
    await store.close();
    await client.end();
  });

  it("keeps working when the tables change under its cached plans", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const store = await createPostgresEventStore({ client, schema: "prep_changed" });
    await store.append("s", sampleEvents("s", 2), { expectedVersion: "no_stream" });
    expect(await store.readStream("s")).toHaveLength(2);
    // An operator adds a column and rebuilds an index: PostgreSQL re-plans the prepared statements.
    await database.admin.query("ALTER TABLE prep_changed.cl_events ADD COLUMN note text");
    await database.admin.query("REINDEX TABLE prep_changed.cl_events");
    await store.append("s", sampleEvents("s", 1), { expectedVersion: 2 });
    expect((await store.readStream("s")).map((e) => e.version)).toEqual([1, 2, 3]);
    expect((await store.readAll()).map((e) => e.globalPosition)).toEqual([1, 2, 3]);
    await store.close();
    await client.end();
  });
});
