import { expect, it } from "vitest";
import type { EventStore, StreamAppend } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { expectConflict } from "./expect-conflict.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

async function snapshot(store: EventStore, streams: readonly string[]): Promise<{ head: number; versions: number[] }> {
  return { head: await store.headPosition(), versions: await Promise.all(streams.map((s) => store.streamVersion(s))) };
}

/**
 * The optional `appendStreams`: several streams in one transaction, all or nothing, each part with its own expected
 * version; a conflict on any part fails the whole call and names that part's stream.
 */
export function registerMultiStreamAppendCases(context: ConformanceContext): void {
  const { adapterName: name, harness } = context;
  const offered = harness.appendStreams === true;

  it(`${name}: ${offered ? "offers" : "does not offer"} appendStreams, as its harness declares`, () => {
    expect(typeof context.store().appendStreams).toBe(offered ? "function" : "undefined");
  });
  if (!offered) return;

  it(`${name}: appendStreams writes every part, with increasing positions in the order given`, async () => {
    const store = context.store();
    const a = uniqueName("multi-a");
    const b = uniqueName("multi-b");
    await store.append(b, sampleEvents(b, 2), { expectedVersion: "no_stream" });
    const aEvents = sampleEvents(a, 2);
    const bEvents = sampleEvents(b, 1, { after: { version: 2, hash: (await store.readStream(b))[1]!.hash } });
    const results = await store.appendStreams!([
      { streamName: a, events: aEvents, expectedVersion: "no_stream" },
      { streamName: b, events: bEvents, expectedVersion: 2 },
    ]);
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 3]);
    const [first, second] = results;
    expect(second!.positions!.first).toBe(first!.positions!.last + 1);
    expect(first!.positions!.last - first!.positions!.first).toBe(1);
    const readA = await store.readStream(a);
    const readB = await store.readStream(b);
    expect(readA.map((e) => [e.eventId, e.version, e.globalPosition])).toEqual(
      aEvents.map((e, i) => [e.eventId, i + 1, first!.positions!.first + i]),
    );
    expect(readB.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(readB[2]).toMatchObject({ eventId: bEvents[0]!.eventId, globalPosition: second!.positions!.first });
    const all = await store.readAll({ after: first!.positions!.first - 1, limit: 3 });
    expect(all.map((e) => e.eventId)).toEqual([...aEvents, ...bEvents].map((e) => e.eventId));
  });

  it.each([0, 1, 2])(`${name}: a conflict on part %i of appendStreams writes nothing and names that stream`, async (bad) => {
    const store = context.store();
    const streams = [uniqueName("atomic-0"), uniqueName("atomic-1"), uniqueName("atomic-2")];
    for (const stream of streams) await store.append(stream, sampleEvents(stream, 1), { expectedVersion: "no_stream" });
    const before = await snapshot(store, streams);
    const parts: StreamAppend[] = streams.map((streamName, i) => ({
      streamName,
      events: sampleEvents(streamName, 2),
      expectedVersion: i === bad ? 5 : 1,
    }));
    await expectConflict(store.appendStreams!(parts), streams[bad]!, 5, 1);
    expect(await snapshot(store, streams)).toEqual(before);
    for (const stream of streams) expect(await store.readStream(stream)).toHaveLength(1);
  });

  it(`${name}: appendStreams checks a repeated stream against what its earlier parts left`, async () => {
    const store = context.store();
    const s = uniqueName("repeat");
    const other = uniqueName("repeat-other");
    const events = sampleEvents(s, 3);
    const results = await store.appendStreams!([
      { streamName: s, events: events.slice(0, 2), expectedVersion: "no_stream" },
      { streamName: other, events: sampleEvents(other, 1), expectedVersion: "any" },
      { streamName: s, events: events.slice(2), expectedVersion: 2 },
    ]);
    expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 1, 3]);
    expect((await store.readStream(s)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));

    const before = await snapshot(store, [s, other]);
    const again = store.appendStreams!([
      { streamName: other, events: sampleEvents(other, 1), expectedVersion: 1 },
      { streamName: s, events: sampleEvents(s, 1), expectedVersion: 3 },
      { streamName: s, events: sampleEvents(s, 1), expectedVersion: 3 },
    ]);
    // The third part expects 3, but the second part has just taken the stream to 4.
    await expectConflict(again, s, 3, 4);
    expect(await snapshot(store, [s, other])).toEqual(before);
  });

  it(`${name}: appendStreams with empty parts or no parts writes nothing`, async () => {
    const store = context.store();
    const s = uniqueName("multi-empty");
    const head = await store.headPosition();
    expect(await store.appendStreams!([])).toEqual([]);
    expect(await store.appendStreams!([{ streamName: s, events: [], expectedVersion: "no_stream" }])).toEqual([{ nextExpectedVersion: 0 }]);
    expect(await store.headPosition()).toBe(head);
    await expectConflict(store.appendStreams!([{ streamName: s, events: [], expectedVersion: "stream_exists" }]), s, "stream_exists", 0);
  });

  it(`${name}: appendStreams refuses a bad part with a typed error and writes nothing`, async () => {
    const store = context.store();
    const good = uniqueName("multi-good");
    const bad = uniqueName("multi-bad");
    const head = await store.headPosition();
    const broken = sampleEvents(bad, 1).map((e) => ({ ...e, hash: "not a hash" }));
    const error: unknown = await store.appendStreams!([
      { streamName: good, events: sampleEvents(good, 1), expectedVersion: "any" },
      { streamName: bad, events: broken, expectedVersion: "any" },
    ]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe("InvalidEventError");
    expect((error as Error).message).toContain(bad);
    expect(await store.headPosition()).toBe(head);
    expect(await store.streamVersion(good)).toBe(0);
    for (const notAList of [null, { streamName: good }, [null]]) {
      const refused: unknown = await store.appendStreams!(notAList as unknown as StreamAppend[]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((refused as Error).name).toBe("InvalidEventError");
    }
  });

  it(`${name}: concurrent multi-stream appends (separate connections) never leave two streams out of step`, async () => {
    const a = uniqueName("pair-a");
    const b = uniqueName("pair-b");
    const writers = await Promise.all([0, 1, 2, 3].map(() => context.connection()));
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let written = 0; written < 8;) {
          const [va, vb] = [await writer.streamVersion(a), await writer.streamVersion(b)];
          const tag = `w${w}-${written}`;
          try {
            await writer.appendStreams!([
              { streamName: a, events: sampleEvents(a, 1, { type: tag }), expectedVersion: va },
              { streamName: b, events: sampleEvents(b, 1, { type: tag }), expectedVersion: vb },
            ]);
            written += 1;
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
          }
        }
      }),
    );
    const store = context.store();
    const typesA = (await store.readStream(a)).map((e) => e.type);
    const typesB = (await store.readStream(b)).map((e) => e.type);
    expect(typesA).toHaveLength(32);
    expect(typesB, "both streams got every pair, in the same order").toEqual(typesA);
  });
}
