import { expect, it } from "vitest";
import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { readAllPaged } from "./global-order-cases.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Appends `count` single events to `stream`, re-reading the version and retrying after each conflict. */
async function appendWithRetry(
  store: EventStore,
  stream: string,
  count: number,
  tag: string,
): Promise<{ ids: string[]; conflicts: number }> {
  const ids: string[] = [];
  let conflicts = 0;
  while (ids.length < count) {
    const version = await store.streamVersion(stream);
    const events = sampleEvents(stream, 1, { type: tag });
    try {
      await store.append(stream, events, { expectedVersion: version });
      ids.push(events[0]!.eventId);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      conflicts += 1;
    }
  }
  return { ids, conflicts };
}

export function registerConcurrencyCases(context: ConformanceContext): void {
  const { adapterName: name, harness } = context;
  const how = harness.connectAgain === undefined ? "one connection" : "separate connections";

  it(`${name}: a reader polling during concurrent writes (${how}) never skips a later-committed event`, async () => {
    const prefix = uniqueName("poll");
    const start = await context.store().headPosition();
    const writers = await Promise.all([0, 1, 2, 3].map(() => context.connection()));
    const reader = await context.connection();
    let writing = true;
    const seen: RecordedEvent[] = [];
    let after = start;
    const poll = async (): Promise<void> => {
      const page = await reader.readAll({ after, limit: 7 });
      if (page.length > 0) after = page[page.length - 1]!.globalPosition;
      seen.push(...page.filter((e) => e.streamName.startsWith(prefix)));
    };
    const readerLoop = (async () => {
      while (writing) {
        await poll();
        await nextTick();
      }
    })();
    const written = await Promise.all(
      writers.map(async (writer, w) => {
        const ids: string[] = [];
        for (let i = 0; i < 40; i += 1) {
          const stream = `${prefix}-${(w + i) % 5}`;
          const events = sampleEvents(stream, 1 + (i % 2));
          await writer.append(stream, events, { expectedVersion: "any" });
          ids.push(...events.map((e) => e.eventId));
          if (i % 4 === 0) await nextTick();
        }
        return ids;
      }),
    );
    writing = false;
    await readerLoop;
    for (let page = await reader.readAll({ after }); page.length > 0; page = await reader.readAll({ after })) {
      after = page[page.length - 1]!.globalPosition;
      seen.push(...page.filter((e) => e.streamName.startsWith(prefix)));
    }
    const truth = await readAllPaged(context.store(), start, prefix);
    expect(truth.length).toBe(written.flat().length);
    expect(new Set(truth.map((e) => e.eventId))).toEqual(new Set(written.flat()));
    expect(
      seen.map((e) => e.eventId),
      "the poller saw exactly what readAll holds, in the same order",
    ).toEqual(truth.map((e) => e.eventId));
  });

  it(`${name}: concurrent writers expecting the same version: exactly one wins each version`, async () => {
    const stream = uniqueName("race");
    const writers = await Promise.all([0, 1, 2, 3].map(() => context.connection()));
    const winners: string[] = [];
    for (let version = 0; version < 10; version += 1) {
      const attempts = writers.map(() => sampleEvents(stream, 2));
      const outcomes = await Promise.allSettled(
        writers.map((writer, w) => writer.append(stream, attempts[w]!, { expectedVersion: version * 2 })),
      );
      const won = outcomes.flatMap((o, w) => (o.status === "fulfilled" ? [w] : []));
      expect(won.length, `exactly one winner for version ${version * 2}`).toBe(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(outcome.reason).toMatchObject({ streamName: stream, expected: version * 2, actual: version * 2 + 2 });
        }
      }
      winners.push(...attempts[won[0]!]!.map((e) => e.eventId));
    }
    const read = await context.store().readStream(stream);
    expect(read.map((e) => e.eventId)).toEqual(winners);
    expect(read.map((e) => e.version)).toEqual(winners.map((_id, i) => i + 1));
  });

  it(`${name}: concurrent writers retrying on conflict lose and duplicate nothing`, async () => {
    const stream = uniqueName("retry-race");
    const writers = await Promise.all([0, 1, 2].map(() => context.connection()));
    const results = await Promise.all(writers.map((writer, w) => appendWithRetry(writer, stream, 15, `W${w}`)));
    const read = await context.store().readStream(stream);
    const ids = read.map((e) => e.eventId);
    expect(read.map((e) => e.version)).toEqual(ids.map((_id, i) => i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(results.flatMap((r) => r.ids)));
    expect(ids.length).toBe(45);
  });
}
