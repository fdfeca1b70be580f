// A minimal in-memory EventStore and CheckpointStore for this package's own tests (the projections package may not
// import the adapters; tests/projections-*.test.ts run against the real adapters).
import {
  WrongExpectedVersionError,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type EventStore,
  type NewEvent,
  type ProjectionSnapshot,
  type ReadAllOptions,
  type RecordedEvent,
} from "@cloud-ledger/domain";

export interface TestEventStore extends EventStore {
  readonly readAllCalls: number;
}

export function createTestEventStore(): TestEventStore {
  const all: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  let readAllCalls = 0;
  return {
    name: "test-memory",
    append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
      const stream = streams.get(streamName) ?? [];
      const actual = stream.length;
      const expected = options.expectedVersion;
      const ok =
        expected === "any" ||
        (expected === "no_stream" && actual === 0) ||
        (expected === "stream_exists" && actual > 0) ||
        (typeof expected === "number" && expected === actual);
      if (!ok) return Promise.reject(new WrongExpectedVersionError(streamName, expected, actual));
      if (events.length === 0) return Promise.resolve({ nextExpectedVersion: actual });
      const first = all.length + 1;
      events.forEach((event, i) => {
        const recorded = { ...event, streamName, version: actual + i + 1, globalPosition: first + i };
        stream.push(recorded);
        all.push(recorded);
      });
      streams.set(streamName, stream);
      return Promise.resolve({ nextExpectedVersion: stream.length, positions: { first, last: all.length } });
    },
    readStream: (streamName) => Promise.resolve([...(streams.get(streamName) ?? [])]),
    readAll(options: ReadAllOptions = {}) {
      readAllCalls++;
      const after = options.after ?? 0;
      return Promise.resolve(all.slice(after, options.limit === undefined ? undefined : after + options.limit));
    },
    streamVersion: (streamName) => Promise.resolve(streams.get(streamName)?.length ?? 0),
    headPosition: () => Promise.resolve(all.length),
    close: () => Promise.resolve(),
    get readAllCalls() {
      return readAllCalls;
    },
  };
}

export interface TestCheckpointStore extends CheckpointStore {
  readonly saves: ReadonlyMap<string, number>;
  /** The raw stored snapshots (for tests that tamper with them). */
  readonly snapshots: Map<string, ProjectionSnapshot>;
}

export function createTestCheckpointStore(): TestCheckpointStore {
  const snapshots = new Map<string, ProjectionSnapshot>();
  const saves = new Map<string, number>();
  return {
    load: (name) => Promise.resolve(snapshots.get(name)),
    save(name, snapshot) {
      // A JSON round trip, like a real store: nothing shared with the runner's live state survives.
      snapshots.set(name, JSON.parse(JSON.stringify(snapshot)) as ProjectionSnapshot);
      saves.set(name, (saves.get(name) ?? 0) + 1);
      return Promise.resolve();
    },
    reset(name) {
      snapshots.delete(name);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    saves,
    snapshots,
  };
}
