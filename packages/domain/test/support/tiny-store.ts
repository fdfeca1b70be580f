import {
  CorruptEventError,
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
} from "@cloud-ledger/domain";

/**
 * A deliberately small EventStore for the domain's own tests (the real adapters live in @cloud-ledger/adapters, which
 * the domain must not import). Hooks let a test play a concurrent writer or a corrupted row.
 */
export interface TinyStore extends EventStore {
  readonly appendCalls: number;
  /** Runs before each append is checked; a test can append "from another writer" here. */
  beforeAppend?: (streamName: string) => void;
  /** Leaves a gap in global positions before each event (as a sequence shared with other writers would). */
  positionGap: number;
  corruptOnRead?: { readonly streamName: string; readonly version: number };
  /** Appends directly, bypassing hooks. */
  raw(streamName: string, events: readonly NewEvent[]): void;
}

export function createTinyStore(): TinyStore {
  const streams = new Map<string, RecordedEvent[]>();
  const all: RecordedEvent[] = [];
  let position = 0;
  const raw = (streamName: string, events: readonly NewEvent[]) => {
    const stream = streams.get(streamName) ?? [];
    for (const event of events) {
      position += store.positionGap + 1;
      const recorded = { ...event, streamName, version: stream.length + 1, globalPosition: position };
      stream.push(recorded);
      all.push(recorded);
    }
    streams.set(streamName, stream);
  };
  const store: TinyStore = {
    name: "tiny",
    appendCalls: 0,
    positionGap: 0,
    raw,
    append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
      (store as { appendCalls: number }).appendCalls += 1;
      store.beforeAppend?.(streamName);
      const actual = streams.get(streamName)?.length ?? 0;
      const expected = options.expectedVersion;
      const ok =
        expected === "any" ||
        (expected === "no_stream" && actual === 0) ||
        (expected === "stream_exists" && actual > 0) ||
        (typeof expected === "number" && expected === actual);
      if (!ok) return Promise.reject(new WrongExpectedVersionError(streamName, expected, actual));
      const before = position;
      raw(streamName, events);
      return Promise.resolve({
        nextExpectedVersion: actual + events.length,
        ...(events.length > 0 ? { positions: { first: before + store.positionGap + 1, last: position } } : {}),
      });
    },
    readStream(streamName: string, options: ReadStreamOptions = {}) {
      const corrupt = store.corruptOnRead;
      if (corrupt?.streamName === streamName) return Promise.reject(new CorruptEventError(streamName, corrupt.version, "bad JSON"));
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
      return Promise.resolve((streams.get(streamName) ?? []).filter((e) => e.version >= from && e.version <= to));
    },
    readAll: () => Promise.resolve([...all]),
    streamVersion: (streamName: string) => Promise.resolve(streams.get(streamName)?.length ?? 0),
    headPosition: () => Promise.resolve(position),
    close: () => Promise.resolve(),
  };
  return store;
}
