import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AppendResult, EventStore, ExpectedVersion, NewEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { usePostgresStorePerRun } from "./support/postgres.js";

/**
 * The PostgreSQL append binds a batch one of two ways (append-sql.ts): up to 128 events as a VALUES list padded to
 * the next power of two, more as unnested arrays. Whatever the batch sizes (around every bucket edge and past the
 * arrays limit) and expected versions, it must store and answer exactly what the memory store does.
 */
const size = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 130, 257));
const expectation = fc.oneof(
  fc.constantFrom<ExpectedVersion>("any", "no_stream", "stream_exists"),
  fc.constant("current" as const),
  fc.integer({ min: 0, max: 300 }),
);
const scenario = fc.array(fc.tuple(fc.constantFrom("a", "b"), size, expectation), { minLength: 1, maxLength: 6 });

type Outcome = AppendResult | { readonly error: string; readonly actual?: number };

async function attempt(store: EventStore, stream: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<Outcome> {
  try {
    return await store.append(stream, events, { expectedVersion: expected });
  } catch (error) {
    const { name, actual } = error as { name: string; actual?: number };
    return actual === undefined ? { error: name } : { error: name, actual };
  }
}

const brief = (store: EventStore) =>
  store.readAll().then((events) => events.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}:${e.eventId}:${e.hash}`));

describe("postgres appends of any batch size agree with the memory store", () => {
  const freshPostgres = usePostgresStorePerRun("batches");

  it("for any batch sizes and expected versions", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (appends) => {
        const memory = createMemoryEventStore();
        const postgres = await freshPostgres();
        try {
          for (const [stream, count, expectation] of appends) {
            const expected = expectation === "current" ? await memory.streamVersion(stream) : expectation;
            const events = sampleEvents(stream, count);
            expect(await attempt(postgres, stream, events, expected)).toEqual(await attempt(memory, stream, events, expected));
          }
          expect(await brief(postgres)).toEqual(await brief(memory));
          for (const stream of ["a", "b"]) expect(await postgres.streamVersion(stream)).toBe(await memory.streamVersion(stream));
        } finally {
          await postgres.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
