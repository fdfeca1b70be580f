import { expect, it } from "vitest";
import type { AppendResult, EventStore, ExpectedVersion, StreamAppend } from "@cloud-ledger/domain";
import { WrongExpectedVersionError } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "../memory/memory-event-store.js";
import type { ConformanceContext } from "./harness.js";
import { readAllPaged } from "./global-order-cases.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

/** A small seeded generator (mulberry32), so every run of a seed issues the same operations. */
function random(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

type Operation =
  { readonly kind: "append"; readonly part: StreamAppend } | { readonly kind: "appendStreams"; readonly parts: readonly StreamAppend[] };

const EXPECTATIONS = (n: number): ExpectedVersion => (["any", "no_stream", "stream_exists", 0, 1, 2, 3] as const)[n]!;

function operations(seed: number, streams: readonly string[], multi: boolean): Operation[] {
  const next = random(seed);
  const part = (): StreamAppend => {
    const streamName = streams[next(streams.length)]!;
    return { streamName, events: sampleEvents(streamName, next(3)), expectedVersion: EXPECTATIONS(next(7)) };
  };
  return Array.from({ length: 12 }, (): Operation =>
    multi && next(3) === 0 ? { kind: "appendStreams", parts: [part(), part()] } : { kind: "append", part: part() },
  );
}

type Outcome =
  | { readonly ok: true; readonly results: readonly { nextExpectedVersion: number; positioned: boolean }[] }
  | { readonly ok: false; readonly conflict: readonly unknown[] };

function run(store: EventStore, op: Operation): Promise<readonly AppendResult[]> {
  if (op.kind === "appendStreams") return store.appendStreams!(op.parts);
  const { streamName, events, expectedVersion } = op.part;
  return store.append(streamName, events, { expectedVersion }).then((r) => [r]);
}

/** Positions are compared through the global order read back (a store's positions need not be dense). */
async function outcome(attempt: Promise<readonly AppendResult[]>): Promise<Outcome> {
  try {
    const results = await attempt;
    const shown = results.map((r) => ({ nextExpectedVersion: r.nextExpectedVersion, positioned: r.positions !== undefined }));
    return { ok: true, results: shown };
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    return { ok: false, conflict: [error.streamName, error.expected, error.actual] };
  }
}

/**
 * Group commit must not change what an append means: appends (and multi-stream appends) issued together, without
 * waiting for each other, have exactly the outcomes of the same appends issued one after another in the same order
 * (the in-memory store, one at a time, is the reference), and leave the same streams.
 */
export function registerGroupCommitCases(context: ConformanceContext): void {
  const { adapterName: name, harness } = context;
  const multi = harness.appendStreams === true;

  it(`${name}: appends issued together have the outcomes of the same appends issued one by one (20 seeds)`, async () => {
    const store = context.store();
    for (let seed = 1; seed <= 20; seed += 1) {
      const streams = [uniqueName("group-a"), uniqueName("group-b"), uniqueName("group-c")];
      const ops = operations(seed, streams, multi);
      const reference = createMemoryEventStore();
      const expected: Outcome[] = [];
      for (const op of ops) expected.push(await outcome(run(reference, op)));

      const base = await store.headPosition();
      const together = await Promise.all(ops.map((op) => outcome(run(store, op))));
      expect(together, `seed ${seed}`).toEqual(expected);
      for (const stream of streams) {
        const stored = (await store.readStream(stream)).map((e) => [e.eventId, e.version]);
        const wanted = (await reference.readStream(stream)).map((e) => [e.eventId, e.version]);
        expect(stored, `seed ${seed}, stream ${stream}`).toEqual(wanted);
      }
      const order = (await readAllPaged(store, base, "group-")).filter((e) => streams.includes(e.streamName)).map((e) => e.eventId);
      expect(order, `seed ${seed}: global order`).toEqual((await reference.readAll()).map((e) => e.eventId));
    }
  });
}
