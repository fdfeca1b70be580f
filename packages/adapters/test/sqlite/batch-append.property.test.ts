import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import Database from "better-sqlite3";
import type { AppendResult, EventStore, ExpectedVersion, NewEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { MAX_ROWS_PER_INSERT, nextChunkRows } from "../../src/sqlite/insert-events.js";
import { tempFolder } from "./temp-folder.js";

// The adapter inserts a batch as power-of-two chunks of up to 128 rows; sizes around those edges are where it could go wrong.
const CHUNK_EDGES = [0, 1, 2, 3, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257];
const temp = tempFolder("sqlite-batch");
afterAll(() => temp.remove());

interface Step {
  readonly stream: string;
  readonly count: number;
  /** Offset from the stream's true version: 0 = the right expected version, anything else must be refused. */
  readonly skew: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  stream: fc.constantFrom("a", "b"),
  count: fc.oneof(fc.constantFrom(...CHUNK_EDGES), fc.integer({ min: 0, max: 260 })),
  skew: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }),
});

async function settle(
  store: EventStore,
  stream: string,
  events: readonly NewEvent[],
  expectedVersion: ExpectedVersion,
): Promise<AppendResult | string> {
  try {
    return await store.append(stream, events, { expectedVersion });
  } catch (error) {
    return (error as Error).name;
  }
}

function chunksOf(count: number): number[] {
  const chunks: number[] = [];
  for (let left = count; left > 0; left -= chunks[chunks.length - 1]!) chunks.push(nextChunkRows(left));
  return chunks;
}

describe("chunking a batch into multi-row statements", () => {
  it("covers the batch exactly, in power-of-two chunks of at most 128 rows, largest first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000 }), (count) => {
        const chunks = chunksOf(count);
        expect(chunks.reduce((a, b) => a + b, 0)).toBe(count);
        for (const rows of chunks) {
          expect(rows).toBeLessThanOrEqual(MAX_ROWS_PER_INSERT);
          expect(Number.isInteger(Math.log2(rows))).toBe(true);
        }
        expect([...chunks].sort((a, b) => b - a)).toEqual(chunks);
      }),
    );
    expect([100, 128, 300].map(chunksOf)).toEqual([[64, 32, 4], [128], [128, 128, 32, 8, 4]]);
  });
});

describe("sqlite batch appends (multi-row inserts) agree with the memory store", () => {
  it("for any sequence of batch sizes, including refused appends", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 6 }), async (steps) => {
        const memory = createMemoryEventStore();
        const sqlite = openSqliteEventStore({ path: ":memory:" });
        for (const { stream, count, skew } of steps) {
          const events = sampleEvents(stream, count);
          const expected = Math.max(0, (await memory.streamVersion(stream)) + skew);
          const fromMemory = await settle(memory, stream, events, expected);
          expect(await settle(sqlite, stream, events, expected)).toEqual(fromMemory);
        }
        expect(await sqlite.readAll()).toEqual(await memory.readAll());
        for (const stream of ["a", "b"]) expect(await sqlite.readStream(stream)).toEqual(await memory.readStream(stream));
        await sqlite.close();
      }),
      { numRuns: 15 },
    );
  });

  it("positions and versions run on across chunks and appends", async () => {
    const store = openSqliteEventStore({ path: ":memory:" });
    expect(await store.append("s", sampleEvents("s", 250), { expectedVersion: "no_stream" })).toEqual({
      nextExpectedVersion: 250,
      positions: { first: 1, last: 250 },
    });
    await store.append("t", sampleEvents("t", 1), { expectedVersion: "no_stream" });
    expect(await store.append("s", sampleEvents("s", 101), { expectedVersion: 250 })).toEqual({
      nextExpectedVersion: 351,
      positions: { first: 252, last: 352 },
    });
    const all = await store.readAll();
    expect(all.map((e) => e.globalPosition)).toEqual(Array.from({ length: 352 }, (_, i) => i + 1));
    expect((await store.readStream("s")).map((e) => e.version)).toEqual(Array.from({ length: 351 }, (_, i) => i + 1));
    await store.close();
  });

  it("a failure in a later chunk rolls back the earlier chunks too", async () => {
    const path = temp.path("late-failure.db");
    const store = openSqliteEventStore({ path });
    await store.append("other", sampleEvents("other", 3), { expectedVersion: "no_stream" });
    // A trigger from outside the store makes the insert of version 150 (in the second statement: 128 + 64 + 8) fail.
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER refuse_150 BEFORE INSERT ON events WHEN NEW.version = 150 BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
    raw.close();
    await expect(store.append("s", sampleEvents("s", 200), { expectedVersion: "no_stream" })).rejects.toThrow("refused by test");
    expect(await store.headPosition()).toBe(3);
    expect(await store.streamVersion("s")).toBe(0);
    expect(await store.append("s", sampleEvents("s", 149), { expectedVersion: "no_stream" })).toEqual({
      nextExpectedVersion: 149,
      positions: { first: 4, last: 152 },
    });
    await store.close();
  });
});
