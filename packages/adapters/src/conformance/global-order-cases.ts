import { expect, it } from "vitest";
import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

/** Everything after `after`, in pages, keeping only this test's streams (the storage may be shared). */
export async function readAllPaged(store: EventStore, after: number, prefix: string, pageSize = 64): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, limit: pageSize });
    if (page.length === 0) return out;
    position = page[page.length - 1]!.globalPosition;
    out.push(...page.filter((e) => e.streamName.startsWith(prefix)));
  }
}

function expectStrictlyAscending(positions: readonly number[]): void {
  const offender = positions.findIndex((p, i) => i > 0 && p <= positions[i - 1]!);
  expect(offender, `positions ascend strictly (first offender at index ${offender})`).toBe(-1);
}

export function registerGlobalOrderCases(context: ConformanceContext): void {
  const { adapterName: name } = context;

  it(`${name}: readAll returns every event once in commit order across many streams`, async () => {
    const store = context.store();
    const prefix = uniqueName("global");
    const start = await store.headPosition();
    const committed: string[] = [];
    for (let round = 0; round < 8; round += 1) {
      for (let s = 0; s < 12; s += 1) {
        const stream = `${prefix}-${(s * 7 + round) % 12}`;
        const version = await store.streamVersion(stream);
        const events = sampleEvents(stream, 1 + ((s + round) % 3));
        await store.append(stream, events, { expectedVersion: version });
        committed.push(...events.map((e) => e.eventId));
      }
    }
    const all = await readAllPaged(store, start, prefix);
    expect(all.map((e) => e.eventId)).toEqual(committed);
    expectStrictlyAscending(all.map((e) => e.globalPosition));
    expect(await store.headPosition()).toBe(all[all.length - 1]!.globalPosition);
    // Each event read through readAll is the same as through its stream.
    const firstStream = all[0]!.streamName;
    const viaStream = await store.readStream(firstStream);
    expect(all.filter((e) => e.streamName === firstStream)).toEqual(viaStream);
  });

  it(`${name}: readAll from a position is exclusive and honours the limit`, async () => {
    const store = context.store();
    const prefix = uniqueName("after");
    const stream = `${prefix}-s`;
    await store.append(stream, sampleEvents(stream, 10), { expectedVersion: "no_stream" });
    const mine = await store.readStream(stream);
    const fourth = mine[3]!.globalPosition;
    const page = (await store.readAll({ after: fourth, limit: 3 })).filter((e) => e.streamName === stream);
    expect(page.map((e) => e.version)).toEqual([5, 6, 7]);
    const rest = await store.readAll({ after: mine[9]!.globalPosition });
    expect(rest.filter((e) => e.streamName.startsWith(prefix))).toEqual([]);
    expect(await store.readAll({ after: fourth, limit: 0 })).toEqual([]);
    const limited = await store.readAll({ after: fourth - 1, limit: 1 });
    expect(limited.map((e) => e.eventId)).toEqual([mine[3]!.eventId]);
  });

  it(`${name}: an empty store has head position 0 or reads nothing after its head`, async () => {
    const store = context.store();
    const head = await store.headPosition();
    expect(head).toBeGreaterThanOrEqual(0);
    expect(await store.readAll({ after: head })).toEqual([]);
  });
}
