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
    await expect(attempt).rejects.toBeInstanceOf(CorruptEventError);
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
