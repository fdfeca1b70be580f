import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  createPostgresEventStore,
  InvalidPostgresOptionsError,
  LATEST_SCHEMA_VERSION,
  migratePostgresEventStore,
  UnsupportedSchemaVersionError,
} from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { useTestDatabase } from "./support/postgres.js";

describe("postgres event store: what only PostgreSQL has", () => {
  const database = useTestDatabase();

  it("migrates once, records each version, and is a no-op afterwards, also when openers race", async () => {
    const options = { connectionString: database.url, schema: "migrated" };
    const applied = await Promise.all([1, 2, 3].map(() => migratePostgresEventStore(options)));
    expect(applied.flat().sort()).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_v, i) => i + 1));
    expect(await migratePostgresEventStore(options)).toEqual([]);
    const { rows } = await database.admin.query<{ version: number }>(
      'SELECT version FROM "migrated".cl_schema_migrations ORDER BY version',
    );
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: LATEST_SCHEMA_VERSION }, (_v, i) => i + 1));
  });

  it("refuses a schema written by a newer version of the library", async () => {
    await migratePostgresEventStore({ connectionString: database.url, schema: "from_future" });
    await database.admin.query(
      `INSERT INTO "from_future".cl_schema_migrations (version, name) VALUES (${LATEST_SCHEMA_VERSION + 1}, 'later')`,
    );
    await expect(createPostgresEventStore({ connectionString: database.url, schema: "from_future" })).rejects.toBeInstanceOf(
      UnsupportedSchemaVersionError,
    );
  });

  it("rejects unusable options with a typed error", async () => {
    await expect(createPostgresEventStore({ connectionString: database.url, schema: 'x"; DROP TABLE y; --' })).rejects.toBeInstanceOf(
      InvalidPostgresOptionsError,
    );
    await expect(createPostgresEventStore({ connectionString: "" })).rejects.toBeInstanceOf(InvalidPostgresOptionsError);
  });

  it("fails to open with the server's error when the database is missing", async () => {
    const missing = new URL(database.url);
    missing.pathname = "/no_such_database_here";
    await expect(createPostgresEventStore({ connectionString: missing.toString() })).rejects.toThrow(/does not exist/);
  });

  it("keeps schemas apart and leaves a caller's pool open on close", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const left = await createPostgresEventStore({ pool, schema: "left_side" });
    const right = await createPostgresEventStore({ pool, schema: "right_side" });
    await left.append("shared-name", sampleEvents("shared-name", 2), { expectedVersion: "no_stream" });
    expect(await right.streamVersion("shared-name")).toBe(0);
    expect(await right.headPosition()).toBe(0);
    await left.close();
    await right.close();
    const { rows } = await pool.query<{ one: number }>("SELECT 1 AS one");
    expect(rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it("stores data and metadata as the exact JSON text appended (key order kept, unlike jsonb)", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "bytes" });
    const data = { zeta: 1, alpha: { b: [3, 2, 1], a: "é😀\u0001" }, "": null, n: 1e21, f: -0.5 };
    const [event] = sampleEvents("bytes-1", 1, { data: () => data });
    await store.append("bytes-1", [event!], { expectedVersion: "no_stream" });
    const { rows } = await database.admin.query<{ data: string; metadata: string }>("SELECT data, metadata FROM bytes.cl_events");
    expect(rows[0]?.data).toBe(JSON.stringify(data));
    expect(rows[0]?.metadata).toBe(JSON.stringify(event!.metadata));
    const [read] = await store.readStream("bytes-1");
    expect(JSON.stringify(read?.data)).toBe(JSON.stringify(data));
    await store.close();
  });

  it("serialises appends: a second writer waits for an open one, so readers never see a later position first", async () => {
    const url = database.url;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    const inTx = await createPostgresEventStore({ client: holder, schema: "serial" });
    const other = await createPostgresEventStore({ connectionString: url, schema: "serial" });
    const reader = await createPostgresEventStore({ connectionString: url, schema: "serial" });

    await holder.query("BEGIN");
    const first = await inTx.append("s-1", sampleEvents("s-1", 2), { expectedVersion: "no_stream" });
    let secondDone = false;
    const second = other.append("s-2", sampleEvents("s-2", 1), { expectedVersion: "no_stream" }).then((result) => {
      secondDone = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone, "the other writer waits on the head row while the first transaction is open").toBe(false);
    expect(await reader.readAll()).toEqual([]);
    expect(await reader.headPosition()).toBe(0);
    await holder.query("COMMIT");
    const secondResult = await second;
    expect(first.positions).toEqual({ first: 1, last: 2 });
    expect(secondResult.positions).toEqual({ first: 3, last: 3 });
    expect((await reader.readAll()).map((e) => e.globalPosition)).toEqual([1, 2, 3]);

    // A rolled-back append leaves no gap: positions stay contiguous.
    await holder.query("BEGIN");
    await inTx.append("s-1", sampleEvents("s-1", 1), { expectedVersion: 2 });
    await holder.query("ROLLBACK");
    const after = await other.append("s-1", sampleEvents("s-1", 1), { expectedVersion: 2 });
    expect(after).toEqual({ nextExpectedVersion: 3, positions: { first: 4, last: 4 } });
    expect(await reader.headPosition()).toBe(4);

    await Promise.all([inTx.close(), other.close(), reader.close()]);
    await holder.end();
  });

  it("reports the committed version in a conflict, also when the stream moved while the append waited", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "conflicts" });
    await store.append("c-1", sampleEvents("c-1", 3), { expectedVersion: "no_stream" });
    await expect(store.append("c-1", sampleEvents("c-1", 1), { expectedVersion: "no_stream" })).rejects.toMatchObject({
      name: "WrongExpectedVersionError",
      expected: "no_stream",
      actual: 3,
    });
    await expect(store.append("missing", sampleEvents("missing", 1), { expectedVersion: "stream_exists" })).rejects.toMatchObject({
      expected: "stream_exists",
      actual: 0,
    });
    expect(await store.headPosition()).toBe(3);

    // A writer waiting on the stream row while another transaction moves it from 3 to 4: the check runs against the
    // committed 4 (not the statement's older snapshot), and the error reports 4.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const inTx = await createPostgresEventStore({ client: holder, schema: "conflicts" });
    await holder.query("BEGIN");
    await inTx.append("c-1", sampleEvents("c-1", 1), { expectedVersion: 3 });
    const waiting = store.append("c-1", sampleEvents("c-1", 1), { expectedVersion: 3 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await holder.query("COMMIT");
    expect(await waiting).toMatchObject({ name: "WrongExpectedVersionError", expected: 3, actual: 4 });
    expect((await store.readStream("c-1")).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    await inTx.close();
    await holder.end();
    await store.close();
  });
});
