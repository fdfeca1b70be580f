import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadStreamOptions, RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createEventStoreDbEventStore } from "@cloud-ledger/adapters/eventstoredb";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { SimulatedEsdb } from "./simulated-esdb.js";

const readOptions: fc.Arbitrary<ReadStreamOptions> = fc.record(
  {
    direction: fc.constantFrom("forwards" as const, "backwards" as const),
    fromVersion: fc.nat({ max: 12 }),
    toVersion: fc.nat({ max: 12 }),
    limit: fc.nat({ max: 12 }),
  },
  { requiredKeys: [] },
);

// Positions differ by design (log offsets), so compare stream, version and id.
const brief = (events: readonly RecordedEvent[]) => events.map((e) => `${e.streamName}@${e.version}:${e.eventId}`);

describe("read bounds: the EventStoreDB translation agrees with the memory store (simulated server)", () => {
  it("for any stream length and read options", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 10 }), fc.array(readOptions, { minLength: 1, maxLength: 8 }), async (length, reads) => {
        const memory = createMemoryEventStore();
        const esdb = createEventStoreDbEventStore({ client: new SimulatedEsdb().client() });
        const events = sampleEvents("s", length);
        await memory.append("s", events, { expectedVersion: "any" });
        await esdb.append("s", events, { expectedVersion: "any" });
        for (const options of reads) {
          expect(brief(await esdb.readStream("s", options)), JSON.stringify(options)).toEqual(brief(await memory.readStream("s", options)));
        }
      }),
      { numRuns: 150 },
    );
  });
});
