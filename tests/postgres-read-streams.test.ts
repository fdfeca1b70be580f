import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import type { EventStore, StreamTailRequest } from "@cloud-ledger/domain";
import { CorruptEventError, InvalidEventError, InvalidReadOptionsError, StoreClosedError } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { useTestDatabase } from "./support/postgres.js";

function readStreamsOf(store: EventStore): NonNullable<EventStore["readStreams"]> {
  const readStreams = store.readStreams?.bind(store);
  if (readStreams === undefined) throw new Error("the PostgreSQL store must offer readStreams");
  return readStreams;
}

const brief = (tails: readonly (readonly { streamName: string; version: number; globalPosition: number }[])[]) =>
  tails.map((tail) => tail.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}`));

describe("postgres readStreams: several stream tails in one statement", () => {
  const database = useTestDatabase();

  it("answers each request in order: repeated names, missing streams and versions past the end", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "tails_order" });
    await store.append("org-1", sampleEvents("org-1", 2), { expectedVersion: "no_stream" });
    await store.append("project-1", sampleEvents("project-1", 3), { expectedVersion: "no_stream" });
    await store.append("org-1", sampleEvents("org-1", 1), { expectedVersion: 2 });
    const tails = await readStreamsOf(store)([
      { streamName: "project-1", fromVersion: 2 },
      { streamName: "org-1", fromVersion: 1 },
      { streamName: "nobody", fromVersion: 1 },
      { streamName: "org-1", fromVersion: 3 },
      { streamName: "project-1", fromVersion: 4 },
      { streamName: "org-1", fromVersion: Number.MAX_SAFE_INTEGER },
    ]);
    expect(brief(tails)).toEqual([["project-1@2#4", "project-1@3#5"], ["org-1@1#1", "org-1@2#2", "org-1@3#6"], [], ["org-1@3#6"], [], []]);
    expect(await readStreamsOf(store)([])).toEqual([]);
    await store.close();
  });

  it("makes one round trip for the whole list, on one connection of a caller's pool", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    pool.on("error", () => undefined);
    const store = await createPostgresEventStore({ pool, schema: "tails_trips" });
    await store.append("s-1", sampleEvents("s-1", 2), { expectedVersion: "no_stream" });
    await store.append("s-2", sampleEvents("s-2", 1), { expectedVersion: "no_stream" });
    const queries = vi.spyOn(pool, "query");
    const tails = await readStreamsOf(store)([
      { streamName: "s-1", fromVersion: 1 },
      { streamName: "s-2", fromVersion: 1 },
      { streamName: "s-3", fromVersion: 1 },
    ]);
    expect(queries).toHaveBeenCalledTimes(1);
    expect(tails.map((tail) => tail.length)).toEqual([2, 1, 0]);
    queries.mockRestore();
    await store.close();
    await pool.end();
  });

  it("answers the calls made in one turn with one statement, each call as if it had read alone", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 3 });
    pool.on("error", () => undefined);
    const store = await createPostgresEventStore({ pool, schema: "tails_coalesced" });
    await store.append("s-1", sampleEvents("s-1", 3), { expectedVersion: "no_stream" });
    await store.append("s-2", sampleEvents("s-2", 1), { expectedVersion: "no_stream" });
    await store.append("s-1", sampleEvents("s-1", 1), { expectedVersion: 3 });
    const calls: StreamTailRequest[][] = [
      [
        { streamName: "s-1", fromVersion: 2 },
        { streamName: "s-2", fromVersion: 1 },
      ],
      [{ streamName: "s-1", fromVersion: 1 }],
      [
        { streamName: "nobody", fromVersion: 1 },
        { streamName: "s-1", fromVersion: 4 },
        { streamName: "s-1", fromVersion: 4 },
        { streamName: "s-2", fromVersion: 2 },
      ],
      [{ streamName: "s-2", fromVersion: 1 }],
    ];
    const alone: string[][][] = [];
    for (const call of calls) alone.push(brief(await readStreamsOf(store)(call)));
    const queries = vi.spyOn(pool, "query");
    const together = await Promise.all(calls.map((call) => readStreamsOf(store)(call)));
    expect(queries).toHaveBeenCalledTimes(1);
    queries.mockRestore();
    expect(together.map(brief)).toEqual(alone);
    expect(alone[2]).toEqual([[], ["s-1@4#5"], ["s-1@4#5"], []]);
    await store.close();
    await pool.end();
  });

  it("gives every call of a shared statement the appends that committed before it was made", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "tails_after_appends" });
    await store.append("a", sampleEvents("a", 1), { expectedVersion: "no_stream" });
    for (let round = 1; round <= 20; round += 1) {
      // Appends and reads interleave within one turn: each read must see every append that settled before it began.
      const appended = store.append("a", sampleEvents("a", 1), { expectedVersion: round });
      await appended;
      const [[whole], [recent], [b]] = await Promise.all([
        readStreamsOf(store)([{ streamName: "a", fromVersion: 1 }]),
        readStreamsOf(store)([{ streamName: "a", fromVersion: round }]),
        readStreamsOf(store)([{ streamName: "b", fromVersion: 1 }]),
        store.append("b", sampleEvents("b", 1), { expectedVersion: round === 1 ? "no_stream" : round - 1 }),
      ]);
      expect(whole?.map((e) => e.version)).toEqual(Array.from({ length: round + 1 }, (_, i) => i + 1));
      expect(recent?.map((e) => e.version)).toEqual([round, round + 1]);
      // The append to b went in the same turn: the read may see it or not, but only whole appends, in order.
      expect(b?.map((e) => e.version)).toEqual(Array.from({ length: b?.length ?? 0 }, (_, i) => i + 1));
      expect(b?.length === round - 1 || b?.length === round).toBe(true);
    }
    await store.close();
  });

  it("answers the reads still queued when the store closes", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "tails_close" });
    await store.append("a", sampleEvents("a", 2), { expectedVersion: "no_stream" });
    const reading = readStreamsOf(store)([{ streamName: "a", fromVersion: 1 }]);
    await store.close();
    expect((await reading).map((tail) => tail.length)).toEqual([2]);
  });

  it("refuses bad requests with readStream's typed errors, before touching the database", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on("error", () => undefined);
    const store = await createPostgresEventStore({ pool, schema: "tails_bad" });
    const readStreams = readStreamsOf(store);
    const queries = vi.spyOn(pool, "query");
    const bad = async (requests: unknown, error: new (...args: never[]) => Error, message: RegExp) => {
      const attempt = readStreams(requests as readonly StreamTailRequest[]);
      await expect(attempt).rejects.toBeInstanceOf(error);
      await expect(attempt).rejects.toThrow(message);
    };
    await bad("s-1", InvalidReadOptionsError, /array/);
    await bad([null], InvalidReadOptionsError, /request 0 is not an object/);
    await bad([{ streamName: "", fromVersion: 1 }], InvalidEventError, /stream name must not be empty/);
    await bad(
      [
        { streamName: "ok", fromVersion: 1 },
        { streamName: "nul\u0000", fromVersion: 1 },
      ],
      InvalidEventError,
      /stream name/,
    );
    for (const fromVersion of [0, -1, 1.5, Number.NaN, "2", undefined, 2 ** 53]) {
      await bad(
        [
          { streamName: "ok", fromVersion: 1 },
          { streamName: "s-1", fromVersion },
        ],
        InvalidReadOptionsError,
        /request 1 \(s-1\): fromVersion/,
      );
    }
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
    await store.close();
    await expect(readStreams([{ streamName: "s-1", fromVersion: 1 }])).rejects.toBeInstanceOf(StoreClosedError);
    await pool.end();
  });

  it("reports a row that does not decode as a CorruptEventError naming its stream and version", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "tails_corrupt" });
    await store.append("good", sampleEvents("good", 2), { expectedVersion: "no_stream" });
    await store.append("bad", sampleEvents("bad", 3), { expectedVersion: "no_stream" });
    await database.admin.query(`UPDATE tails_corrupt.cl_events SET metadata = '{"actor":' WHERE stream_name = 'bad' AND version = 2`);
    const attempt = readStreamsOf(store)([
      { streamName: "good", fromVersion: 1 },
      { streamName: "bad", fromVersion: 1 },
    ]);
    // Made in the same turn, so answered by the same statement: the broken row is not this call's.
    const beside = readStreamsOf(store)([
      { streamName: "good", fromVersion: 1 },
      { streamName: "bad", fromVersion: 3 },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(CorruptEventError);
    expect(brief(await beside)).toEqual([["good@1#1", "good@2#2"], ["bad@3#5"]]);
    await expect(attempt).rejects.toMatchObject({ streamName: "bad", version: 2 });
    // A tail that starts after the broken row reads fine.
    expect(brief(await readStreamsOf(store)([{ streamName: "bad", fromVersion: 3 }]))).toEqual([["bad@3#5"]]);
    await store.close();
  });

  it("reads every tail in one snapshot: a concurrent append shows in all of them or in none", async () => {
    const store = await createPostgresEventStore({ connectionString: database.url, schema: "tails_snapshot" });
    await store.append("x", sampleEvents("x", 1), { expectedVersion: "no_stream" });
    await store.append("y", sampleEvents("y", 1), { expectedVersion: "no_stream" });
    // The writer moves x and y together in one transaction, over and over, while the reader reads both tails.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const inTx = await createPostgresEventStore({ client: holder, schema: "tails_snapshot" });
    let stop = false;
    const writing = (async () => {
      for (let version = 1; !stop; version += 1) {
        await holder.query("BEGIN");
        await inTx.append("x", sampleEvents("x", 1), { expectedVersion: version });
        await inTx.append("y", sampleEvents("y", 1), { expectedVersion: version });
        await holder.query("COMMIT");
      }
    })();
    for (let read = 0; read < 50; read += 1) {
      const [x, y] = await readStreamsOf(store)([
        { streamName: "x", fromVersion: 1 },
        { streamName: "y", fromVersion: 1 },
      ]);
      expect(x?.length).toBe(y?.length);
    }
    stop = true;
    await writing;
    await Promise.all([store.close(), inTx.close()]);
    await holder.end();
  });
});
