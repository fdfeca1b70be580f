import { expect, it } from "vitest";
import type { ExpectedVersion, NewEvent } from "@cloud-ledger/domain";
import { InvalidEventError } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { expectConflict } from "./expect-conflict.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

function withBrokenData(events: NewEvent[], index: number): NewEvent[] {
  return events.map((event, i) => (i === index ? { ...event, data: { broken: Number.NaN } } : event));
}

export function registerAppendCases(context: ConformanceContext): void {
  const { adapterName: name } = context;

  it.each<[string, ExpectedVersion]>([
    ["no_stream", "no_stream"],
    ["0 (same as no_stream)", 0],
    ["any", "any"],
  ])(`${name}: appends to a new stream with expected version %s`, async (_label, expectedVersion) => {
    const store = context.store();
    const stream = uniqueName("new");
    const result = await store.append(stream, sampleEvents(stream, 2), { expectedVersion });
    expect(result.nextExpectedVersion).toBe(2);
    expect(result.positions).toBeDefined();
    expect(result.positions!.last).toBeGreaterThan(result.positions!.first);
    expect(await store.streamVersion(stream)).toBe(2);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.version)).toEqual([1, 2]);
    expect(read.map((e) => e.globalPosition)).toEqual([result.positions!.first, result.positions!.last]);
  });

  it.each<[string, ExpectedVersion]>([
    ["stream_exists", "stream_exists"],
    ["any", "any"],
    ["the exact version", 2],
  ])(`${name}: appends to an existing stream with expected version %s`, async (_label, expectedVersion) => {
    const store = context.store();
    const stream = uniqueName("existing");
    const events = sampleEvents(stream, 3);
    await store.append(stream, events.slice(0, 2), { expectedVersion: "no_stream" });
    const result = await store.append(stream, events.slice(2), { expectedVersion });
    expect(result.nextExpectedVersion).toBe(3);
    expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it.each<[string, ExpectedVersion]>([
    ["stream_exists", "stream_exists"],
    ["exact 1", 1],
    ["exact 3", 3],
  ])(`${name}: rejects an append to a missing stream expecting %s, writing nothing`, async (_label, expectedVersion) => {
    const store = context.store();
    const stream = uniqueName("missing");
    const head = await store.headPosition();
    await expectConflict(store.append(stream, sampleEvents(stream, 2), { expectedVersion }), stream, expectedVersion, 0);
    expect(await store.streamVersion(stream)).toBe(0);
    expect(await store.readStream(stream)).toEqual([]);
    expect(await store.headPosition()).toBe(head);
  });

  it.each<[string, ExpectedVersion]>([
    ["no_stream", "no_stream"],
    ["0", 0],
    ["a smaller exact version", 1],
    ["a greater exact version", 5],
  ])(`${name}: rejects an append to a stream at version 2 expecting %s, writing nothing`, async (_label, expectedVersion) => {
    const store = context.store();
    const stream = uniqueName("conflict");
    const events = sampleEvents(stream, 5);
    await store.append(stream, events.slice(0, 2), { expectedVersion: "no_stream" });
    const head = await store.headPosition();
    await expectConflict(store.append(stream, events.slice(2), { expectedVersion }), stream, expectedVersion, 2);
    expect(await store.streamVersion(stream)).toBe(2);
    expect((await store.readStream(stream)).length).toBe(2);
    expect(await store.headPosition()).toBe(head);
  });

  it(`${name}: appends a batch atomically with consecutive versions and ascending positions`, async () => {
    const store = context.store();
    const stream = uniqueName("batch");
    const events = sampleEvents(stream, 25);
    const result = await store.append(stream, events, { expectedVersion: "no_stream" });
    const read = await store.readStream(stream);
    expect(read.map((e) => e.version)).toEqual(events.map((_e, i) => i + 1));
    expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    const positions = read.map((e) => e.globalPosition);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
    expect(result.positions).toEqual({ first: positions[0], last: positions[24] });
  });

  it(`${name}: a batch with one invalid event is rejected whole and writes nothing`, async () => {
    const store = context.store();
    const stream = uniqueName("atomic");
    const head = await store.headPosition();
    const attempt = store.append(stream, withBrokenData(sampleEvents(stream, 10), 9), { expectedVersion: "any" });
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
    await expect(attempt).rejects.toMatchObject({ streamName: stream, index: 9 });
    expect(await store.streamVersion(stream)).toBe(0);
    expect(await store.headPosition()).toBe(head);
  });

  it(`${name}: concurrent batches to one stream with "any" never interleave`, async () => {
    const stream = uniqueName("interleave");
    const writers = await Promise.all([0, 1, 2].map(() => context.connection()));
    const batches = writers.map((_w, w) => sampleEvents(stream, 20, { type: `Writer${w}` }));
    await Promise.all(writers.map((writer, w) => writer.append(stream, batches[w]!, { expectedVersion: "any" })));
    const read = await context.store().readStream(stream);
    expect(read.length).toBe(60);
    for (let start = 0; start < 60; start += 20) {
      const types = new Set(read.slice(start, start + 20).map((e) => e.type));
      expect(types.size, `versions ${start + 1}..${start + 20} come from one batch`).toBe(1);
    }
  });

  it(`${name}: an empty append writes nothing and returns the current version`, async () => {
    const store = context.store();
    const stream = uniqueName("empty");
    const head = await store.headPosition();
    expect(await store.append(stream, [], { expectedVersion: "any" })).toEqual({ nextExpectedVersion: 0 });
    expect(await store.append(stream, [], { expectedVersion: "no_stream" })).toEqual({ nextExpectedVersion: 0 });
    expect(await store.streamVersion(stream)).toBe(0);
    expect(await store.headPosition()).toBe(head);
    await store.append(stream, sampleEvents(stream, 3), { expectedVersion: "no_stream" });
    expect(await store.append(stream, [], { expectedVersion: 3 })).toEqual({ nextExpectedVersion: 3 });
    expect(await store.append(stream, [], { expectedVersion: "stream_exists" })).toEqual({ nextExpectedVersion: 3 });
    await expectConflict(store.append(stream, [], { expectedVersion: 2 }), stream, 2, 3);
    expect(await store.streamVersion(stream)).toBe(3);
  });
}
