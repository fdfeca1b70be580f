import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AppendResult, EventStore, ExpectedVersion, StreamAppend } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { usePostgresStorePerRun } from "./support/postgres.js";

/**
 * Group commit on PostgreSQL: appends made in one turn go out as one batch, written by one statement when their
 * expected versions claim every stream (claimed-batch.ts) and by the locking transaction otherwise or when a claim
 * fails (batch-append.ts). Whichever path a batch takes, each unit must get exactly the outcome it gets when the same
 * units are appended one after another on the memory store, and the stores must end up holding the same events.
 */
const STREAMS = ["a", "b", "c"] as const;
const expectation = fc.oneof(
  { weight: 6, arbitrary: fc.constant("current" as const) },
  { weight: 1, arbitrary: fc.constant("stale" as const) },
  { weight: 1, arbitrary: fc.constantFrom<ExpectedVersion>("any", "no_stream", "stream_exists") },
);
const part = fc.record({ stream: fc.constantFrom(...STREAMS), count: fc.integer({ min: 0, max: 3 }), expectation });
const unit = fc.array(part, { minLength: 1, maxLength: 3 });
const scenario = fc.record({
  setup: fc.array(fc.tuple(fc.constantFrom(...STREAMS), fc.integer({ min: 1, max: 2 })), { maxLength: 3 }),
  batch: fc.array(unit, { minLength: 1, maxLength: 6 }),
});

type Outcome = readonly AppendResult[] | { readonly error: string; readonly stream?: string; readonly actual?: number };

async function outcome(write: Promise<readonly AppendResult[]>): Promise<Outcome> {
  try {
    return await write;
  } catch (error) {
    const { name, streamName, actual } = error as { name: string; streamName?: string; actual?: number };
    return { error: name, ...(streamName === undefined ? {} : { stream: streamName }), ...(actual === undefined ? {} : { actual }) };
  }
}

const write = (store: EventStore, parts: readonly StreamAppend[]): Promise<readonly AppendResult[]> =>
  parts.length === 1 && parts[0]!.events.length > 0
    ? store.append(parts[0]!.streamName, parts[0]!.events, { expectedVersion: parts[0]!.expectedVersion }).then((r) => [r])
    : store.appendStreams!(parts);

const brief = (store: EventStore) =>
  store.readAll().then((events) => events.map((e) => `${e.streamName}@${e.version}#${e.globalPosition}:${e.eventId}`));

describe("postgres group commit agrees with appending one by one", () => {
  const freshPostgres = usePostgresStorePerRun("group_commit");

  it("for any batch of single and multi-stream appends, fresh, stale or unchecked", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ setup, batch }) => {
        const memory = createMemoryEventStore();
        const postgres = await freshPostgres();
        try {
          for (const [stream, count] of setup) {
            const events = sampleEvents(stream, count);
            for (const store of [memory, postgres]) await store.append(stream, events, { expectedVersion: "any" });
          }
          // Expected versions as the writers read them before the batch: current, or one behind (a stale read).
          const units: StreamAppend[][] = [];
          for (const parts of batch) {
            const unitParts: StreamAppend[] = [];
            for (const { stream, count, expectation: e } of parts) {
              const version = await memory.streamVersion(stream);
              const expectedVersion: ExpectedVersion = e === "current" ? version : e === "stale" ? Math.max(0, version - 1) || 1 : e;
              unitParts.push({ streamName: stream, events: sampleEvents(stream, count), expectedVersion });
            }
            units.push(unitParts);
          }
          const together = await Promise.all(units.map((parts) => outcome(write(postgres, parts))));
          const oneByOne: Outcome[] = [];
          for (const parts of units) oneByOne.push(await outcome(write(memory, parts)));
          expect(together).toEqual(oneByOne);
          expect(await brief(postgres)).toEqual(await brief(memory));
        } finally {
          await postgres.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
