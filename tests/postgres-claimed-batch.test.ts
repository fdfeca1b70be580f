import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { useTestDatabase } from "./support/postgres.js";

/** The store's one-statement batch (claimed-batch.ts) starts like this; the locking batch runs BEGIN first. */
const CLAIMED = /FROM unnest\(\$1::text\[\], \$2::bigint\[\], \$3::bigint\[\]\) AS u\(stream_name, claimed, version\)/;

/** The text of every statement any pg client sends from now on (pool.query checks out a client, so all go here). */
function recordStatements(): { readonly texts: string[]; restore(): void } {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  const textOf = (config: unknown): string => {
    if (typeof config === "string") return config;
    const text = (config as { text?: unknown } | undefined)?.text;
    return typeof text === "string" ? text : "";
  };
  return {
    get texts() {
      return spy.mock.calls.map((call) => textOf(call[0]));
    },
    restore: () => spy.mockRestore(),
  };
}

const all = (store: EventStore) => store.readAll().then((events) => events.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}`));

async function openOnPool(url: string, schema: string): Promise<{ store: EventStore; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on("error", () => undefined);
  return { store: await createPostgresEventStore({ pool, schema }), pool };
}

describe("postgres group commit: a batch whose expected versions claim every stream is one statement", () => {
  const database = useTestDatabase();

  it("writes appends that name their versions in one statement, without BEGIN/COMMIT round trips", async () => {
    const { store, pool } = await openOnPool(database.url, "claimed_one");
    await store.append("a", sampleEvents("a", 2), { expectedVersion: "no_stream" });
    await store.append("b", sampleEvents("b", 1), { expectedVersion: "no_stream" });
    const statements = recordStatements();
    const results = await Promise.all([
      store.append("a", sampleEvents("a", 1), { expectedVersion: 2 }),
      store.append("new", sampleEvents("new", 2), { expectedVersion: "no_stream" }),
      store.appendStreams!([
        { streamName: "b", events: sampleEvents("b", 1), expectedVersion: 1 },
        // A version check without events (the other stream of a command that decided nothing there).
        { streamName: "missing", events: [], expectedVersion: "no_stream" },
      ]),
      store.append("a", sampleEvents("a", 1), { expectedVersion: 3 }),
    ]);
    const texts = statements.texts;
    statements.restore();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(CLAIMED);
    expect(results).toEqual([
      { nextExpectedVersion: 3, positions: { first: 4, last: 4 } },
      { nextExpectedVersion: 2, positions: { first: 5, last: 6 } },
      [{ nextExpectedVersion: 2, positions: { first: 7, last: 7 } }, { nextExpectedVersion: 0 }],
      { nextExpectedVersion: 4, positions: { first: 8, last: 8 } },
    ]);
    expect(await all(store)).toEqual(["a@1#1", "a@2#2", "b@1#3", "a@3#4", "new@1#5", "new@2#6", "b@2#7", "a@4#8"]);
    await store.close();
    await pool.end();
  });

  it("writes nothing when a claim no longer holds, and the locking path then gives each unit its real outcome", async () => {
    const { store, pool } = await openOnPool(database.url, "claimed_stale");
    const other = await createPostgresEventStore({ connectionString: database.url, schema: "claimed_stale" });
    await store.append("a", sampleEvents("a", 1), { expectedVersion: "no_stream" });
    await store.append("b", sampleEvents("b", 1), { expectedVersion: "no_stream" });
    // Another process moves a and creates c after this one decided on a@1 and "no c".
    await other.append("a", sampleEvents("a", 1), { expectedVersion: 1 });
    await other.append("c", sampleEvents("c", 1), { expectedVersion: "no_stream" });
    const statements = recordStatements();
    const outcomes = await Promise.allSettled([
      store.append("a", sampleEvents("a", 1), { expectedVersion: 1 }),
      store.append("b", sampleEvents("b", 1), { expectedVersion: 1 }),
      store.append("c", sampleEvents("c", 1), { expectedVersion: "no_stream" }),
    ]);
    const texts = statements.texts;
    statements.restore();
    expect(texts[0], "the one statement was tried first").toMatch(CLAIMED);
    expect(texts[1], "then the locking path").toBe("BEGIN");
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled", "rejected"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ streamName: "a", actual: 2 });
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ streamName: "c", actual: 1 });
    expect(outcomes[1]).toEqual({ status: "fulfilled", value: { nextExpectedVersion: 2, positions: { first: 5, last: 5 } } });
    // Gap-free: the failed statement left no version bump, head move or event behind.
    expect(await all(store)).toEqual(["a@1#1", "b@1#2", "a@2#3", "c@1#4", "b@2#5"]);
    expect(await store.streamVersion("a")).toBe(2);
    await Promise.all([store.close(), other.close()]);
    await pool.end();
  });

  it("refuses a multi-stream append whose stream without events moved, or exists when it claimed none", async () => {
    const { store, pool } = await openOnPool(database.url, "claimed_checks");
    const other = await createPostgresEventStore({ connectionString: database.url, schema: "claimed_checks" });
    await store.append("lead", sampleEvents("lead", 1), { expectedVersion: "no_stream" });
    await store.append("checked", sampleEvents("checked", 1), { expectedVersion: "no_stream" });
    await other.append("checked", sampleEvents("checked", 1), { expectedVersion: 1 });
    await other.append("appeared", sampleEvents("appeared", 1), { expectedVersion: "no_stream" });
    const outcomes = await Promise.allSettled([
      store.appendStreams!([
        { streamName: "lead", events: sampleEvents("lead", 1), expectedVersion: 1 },
        { streamName: "checked", events: [], expectedVersion: 1 },
      ]),
      store.appendStreams!([
        { streamName: "side", events: sampleEvents("side", 1), expectedVersion: "no_stream" },
        { streamName: "appeared", events: [], expectedVersion: "no_stream" },
      ]),
      store.append("solo", sampleEvents("solo", 1), { expectedVersion: "no_stream" }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ streamName: "checked", actual: 2 });
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ streamName: "appeared", actual: 1 });
    expect(await all(store)).toEqual(["lead@1#1", "checked@1#2", "checked@2#3", "appeared@1#4", "solo@1#5"]);
    await Promise.all([store.close(), other.close()]);
    await pool.end();
  });

  it("takes the locking path inside a caller's transaction, so a failed claim cannot abort it", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const store = await createPostgresEventStore({ client, schema: "claimed_caller_tx" });
    const other = await createPostgresEventStore({ connectionString: database.url, schema: "claimed_caller_tx" });
    await store.append("a", sampleEvents("a", 1), { expectedVersion: "no_stream" });
    await other.append("a", sampleEvents("a", 1), { expectedVersion: 1 });
    await client.query("BEGIN");
    const outcomes = await Promise.allSettled([
      store.append("a", sampleEvents("a", 1), { expectedVersion: 1 }),
      store.append("b", sampleEvents("b", 1), { expectedVersion: "no_stream" }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "fulfilled"]);
    // The caller's transaction is alive: its own statement runs, and its COMMIT keeps b.
    expect((await client.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await client.query("COMMIT");
    expect(await all(other)).toEqual(["a@1#1", "a@2#2", "b@1#3"]);
    await Promise.all([store.close(), other.close()]);
    await client.end();
  });
});
