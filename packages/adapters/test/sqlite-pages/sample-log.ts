import type { EventStore, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";

/** Appends `batches` (stream name -> event data) in order, each as one batch chained on the stream's last event. */
export async function appendBatches(store: EventStore, batches: readonly { stream: string; data: readonly JsonValue[] }[]): Promise<void> {
  const tips = new Map<string, { version: number; hash: string }>();
  for (const { stream, data } of batches) {
    const tip = tips.get(stream);
    const events = sampleEvents(stream, data.length, { data: (i) => data[i] ?? null, ...(tip === undefined ? {} : { after: tip }) });
    await store.append(stream, events, { expectedVersion: tip?.version ?? "no_stream" });
    const last = events[events.length - 1];
    if (last !== undefined) tips.set(stream, { version: (tip?.version ?? 0) + events.length, hash: last.hash });
  }
}

/** Data that round-trips through JSON in interesting ways: non-ASCII text, escapes, nesting, big and small numbers. */
export const AWKWARD_DATA: readonly JsonValue[] = [
  { text: "grüße, 東京, emoji 🚀, line\u2028separator, quote \" and backslash \\", nested: [[1, [2, [3]]], { a: null }] },
  { numbers: [0, -1, 1.5e-7, 1e21, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER], booleans: [true, false] },
  { ["__proto__"]: { polluted: true }, "": "empty key", "with space": 1 },
  { list: [], text: "just a string", n: 42, nothing: null },
];

/** The pages the projections' replay would read: `readAll` pages until an empty or short page. */
export async function readAllPages(store: EventStore, after: number, pageSize: number): Promise<RecordedEvent[][]> {
  const pages: RecordedEvent[][] = [];
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return pages;
    pages.push([...page]);
    after = (page[page.length - 1] as RecordedEvent).globalPosition;
    if (page.length < pageSize) return pages;
  }
}

export async function collect<T>(pages: AsyncIterable<readonly T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push([...page]);
  return out;
}
