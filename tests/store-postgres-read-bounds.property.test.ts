import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventStore, ReadStreamOptions, RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { usePostgresStorePerRun } from "./support/postgres.js";

const STREAMS = ["a", "b", "c"];

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
  appends: fc.array(fc.tuple(fc.constantFrom(...STREAMS), fc.integer({ min: 0, max: 3 })), { maxLength: 12 }),
  reads: fc.array(fc.tuple(fc.constantFrom(...STREAMS), readOptions), { minLength: 1, maxLength: 10 }),
  pages: fc.array(fc.tuple(fc.nat({ max: 30 }), fc.option(fc.nat({ max: 10 }), { nil: undefined })), { maxLength: 5 }),
});

const brief = (events: readonly RecordedEvent[]) => events.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}:${e.eventId}`);

describe("read bounds: postgres agrees with the memory store (the port's reference)", () => {
  const freshPostgres = usePostgresStorePerRun("bounds");

  it("for any appends, stream reads and readAll pages", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, reads, pages }) => {
        const memory = createMemoryEventStore();
        // A fresh schema per run: an empty store, so global positions must match the memory store's exactly.
        const postgres: EventStore = await freshPostgres();
        try {
          for (const [stream, count] of appends) {
            const events = sampleEvents(stream, count);
            await memory.append(stream, events, { expectedVersion: "any" });
            await postgres.append(stream, events, { expectedVersion: "any" });
          }
          for (const [stream, options] of reads) {
            expect(brief(await postgres.readStream(stream, options))).toEqual(brief(await memory.readStream(stream, options)));
          }
          for (const [after, limit] of pages) {
            const options = limit === undefined ? { after } : { after, limit };
            expect(brief(await postgres.readAll(options))).toEqual(brief(await memory.readAll(options)));
          }
          expect(await postgres.headPosition()).toBe(await memory.headPosition());
        } finally {
          await postgres.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
