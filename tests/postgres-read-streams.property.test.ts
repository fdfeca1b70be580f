import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventStore, StreamTailRequest } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { usePostgresStorePerRun } from "./support/postgres.js";

const STREAMS = ["a", "b", "c"];
// "missing" is never appended to: a request for it must come back empty.
const REQUESTED = [...STREAMS, "missing"];

const scenario = fc.record({
  appends: fc.array(fc.tuple(fc.constantFrom(...STREAMS), fc.integer({ min: 1, max: 4 })), { maxLength: 12 }),
  // fromVersion up to 16 reaches past the end of most streams; names repeat freely.
  requests: fc.array(fc.record({ streamName: fc.constantFrom(...REQUESTED), fromVersion: fc.integer({ min: 1, max: 16 }) }), {
    maxLength: 8,
  }),
});

describe("postgres readStreams equals readStream per request", () => {
  const freshPostgres = usePostgresStorePerRun("tails");

  it("for any store and any request list (repeated names, missing streams, versions past the end)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, requests }) => {
        const memory = createMemoryEventStore();
        const postgres: EventStore = await freshPostgres();
        try {
          for (const [stream, count] of appends) {
            const events = sampleEvents(stream, count);
            await memory.append(stream, events, { expectedVersion: "any" });
            await postgres.append(stream, events, { expectedVersion: "any" });
          }
          const readStreams = postgres.readStreams?.bind(postgres);
          if (readStreams === undefined) throw new Error("the PostgreSQL store must offer readStreams");
          const tails = await readStreams(requests);
          const oneByOne = await Promise.all(
            requests.map((r: StreamTailRequest) => postgres.readStream(r.streamName, { fromVersion: r.fromVersion })),
          );
          expect(tails).toEqual(oneByOne);
          // And the same as the port's reference store, positions included (both stores started empty).
          expect(tails).toEqual(await memory.readStreams?.(requests));
        } finally {
          await postgres.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
