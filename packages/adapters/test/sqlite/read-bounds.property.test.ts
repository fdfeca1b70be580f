import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { EventStore, ReadStreamOptions, RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";

const STREAMS = ["a", "b", "c"];

/** The port's read rules written as plainly as possible, over a stream's versions 1..last. */
function modelVersions(last: number, options: ReadStreamOptions): number[] {
  const out: number[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (options.direction === "backwards") {
    for (let v = Math.min(options.fromVersion ?? last, last); v >= Math.max(options.toVersion ?? 1, 1) && out.length < limit; v -= 1)
      out.push(v);
  } else {
    for (let v = Math.max(options.fromVersion ?? 1, 1); v <= Math.min(options.toVersion ?? last, last) && out.length < limit; v += 1)
      out.push(v);
  }
  return out;
}

const readOptions: fc.Arbitrary<ReadStreamOptions> = fc.record(
  {
    direction: fc.constantFrom("forwards" as const, "backwards" as const),
    fromVersion: fc.nat({ max: 12 }),
    toVersion: fc.nat({ max: 12 }),
    limit: fc.nat({ max: 12 }),
  },
  { requiredKeys: [] },
);

const scenario = fc.record({
  appends: fc.array(fc.tuple(fc.constantFrom(...STREAMS), fc.integer({ min: 0, max: 3 })), { maxLength: 15 }),
  reads: fc.array(fc.tuple(fc.constantFrom(...STREAMS), readOptions), { minLength: 1, maxLength: 10 }),
  pages: fc.array(fc.tuple(fc.nat({ max: 30 }), fc.option(fc.nat({ max: 10 }), { nil: undefined })), { maxLength: 5 }),
});

const brief = (events: readonly RecordedEvent[]) => events.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}:${e.eventId}`);

async function replay(store: EventStore, appends: readonly (readonly [string, number])[], ids: string[][]): Promise<void> {
  for (const [index, [stream, count]] of appends.entries()) {
    ids[index] ??= sampleEvents(stream, count).map((e) => e.eventId);
    const events = sampleEvents(stream, count).map((e, i) => ({ ...e, eventId: ids[index]![i]! }));
    await store.append(stream, events, { expectedVersion: "any" });
  }
}

describe("read bounds: memory and sqlite agree with the port's model", () => {
  it("for any appends and reads", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, reads, pages }) => {
        const memory = createMemoryEventStore();
        const sqlite = openSqliteEventStore({ path: ":memory:" });
        const ids: string[][] = [];
        await replay(memory, appends, ids);
        await replay(sqlite, appends, ids);
        for (const [stream, options] of reads) {
          const fromMemory = await memory.readStream(stream, options);
          expect(fromMemory.map((e) => e.version)).toEqual(modelVersions(await memory.streamVersion(stream), options));
          expect(brief(await sqlite.readStream(stream, options))).toEqual(brief(fromMemory));
        }
        for (const [after, limit] of pages) {
          const options = limit === undefined ? { after } : { after, limit };
          expect(brief(await sqlite.readAll(options))).toEqual(brief(await memory.readAll(options)));
        }
        expect(await sqlite.headPosition()).toBe(await memory.headPosition());
        await sqlite.close();
      }),
      { numRuns: 60 },
    );
  });
});
