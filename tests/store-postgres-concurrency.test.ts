import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppendResult, EventStore, ExpectedVersion, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

const WRITERS = 6;
const APPENDS_PER_WRITER = 40;
const STREAMS = ["order-a", "order-b", "order-c"];

interface Outcome {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly result?: AppendResult;
  readonly rejected?: WrongExpectedVersionError;
}

/** Writer w: appends 1-3 events to overlapping streams, expecting the version it just read (so writers race). */
async function runWriter(store: EventStore, w: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
    const streamName = STREAMS[(w + i) % STREAMS.length]!;
    const read = await store.streamVersion(streamName);
    // Mostly the version just read; every 7th append uses "no_stream" on a stream that usually exists (a sure reject).
    const expectedVersion: ExpectedVersion = i % 7 === 6 ? "no_stream" : read;
    const events = sampleEvents(streamName, 1 + ((w + i) % 3), { type: `W${w}` });
    try {
      outcomes.push({ streamName, events, result: await store.append(streamName, events, { expectedVersion }) });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      outcomes.push({ streamName, events, rejected: error });
    }
  }
  return outcomes;
}

describe("postgres: several connections appending to overlapping streams while a reader polls", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("keeps every acknowledged append exactly once, nothing of a rejected one, and the reader sees all in order", async () => {
    // Each writer and the reader have their own pool: real parallel sessions, not one queue.
    const writers = await Promise.all(
      Array.from({ length: WRITERS }, () => createPostgresEventStore({ connectionString: database.url, maxConnections: 2 })),
    );
    const reader = await createPostgresEventStore({ connectionString: database.url, maxConnections: 1 });
    const seen: RecordedEvent[] = [];
    let writing = true;
    const poll = async (): Promise<number> => {
      const page = await reader.readAll({ after: seen.at(-1)?.globalPosition ?? 0, limit: 5 });
      seen.push(...page);
      return page.length;
    };
    const readerLoop = (async () => {
      while (writing) if ((await poll()) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    })();
    const outcomes = (await Promise.all(writers.map(runWriter))).flat();
    writing = false;
    await readerLoop;
    while ((await poll()) > 0);

    const acknowledged = outcomes.filter((o) => o.result !== undefined);
    const rejected = outcomes.filter((o) => o.rejected !== undefined);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(rejected.length, "the race must produce conflicts for this test to mean anything").toBeGreaterThan(0);

    const all = await reader.readAll();
    const byId = new Map(all.map((event) => [event.eventId, event]));
    expect(byId.size, "no event id stored twice").toBe(all.length);
    for (const outcome of acknowledged) {
      const stored = outcome.events.map((event) => byId.get(event.eventId));
      const { first, last } = outcome.result!.positions!;
      expect(stored.map((event) => event?.globalPosition)).toEqual(outcome.events.map((_e, i) => first + i));
      expect(last - first + 1).toBe(outcome.events.length);
      const lastVersion = outcome.result!.nextExpectedVersion;
      expect(stored.map((event) => event?.version)).toEqual(outcome.events.map((_e, i) => lastVersion - outcome.events.length + 1 + i));
      expect(stored.every((event) => event?.streamName === outcome.streamName)).toBe(true);
    }
    for (const outcome of rejected) {
      expect(
        outcome.events.filter((event) => byId.has(event.eventId)),
        "a rejected append left nothing",
      ).toEqual([]);
      expect(outcome.rejected!.actual).toBeGreaterThanOrEqual(0);
    }
    expect(all.length).toBe(acknowledged.reduce((sum, o) => sum + o.events.length, 0));
    expect(all.map((event) => event.globalPosition)).toEqual(all.map((_e, i) => i + 1));
    for (const name of STREAMS) {
      const versions = all.filter((event) => event.streamName === name).map((event) => event.version);
      expect(versions).toEqual(versions.map((_v, i) => i + 1));
      expect(await reader.streamVersion(name)).toBe(versions.length);
    }
    expect(await reader.headPosition()).toBe(all.length);
    expect(
      seen.map((event) => event.eventId),
      "the poller saw every event once, in position order",
    ).toEqual(all.map((e) => e.eventId));

    await Promise.all([...writers, reader].map((store) => store.close()));
  });
});
