import { assertValidAppend, checkExpectedVersion } from "../../integrity/append-guard.js";
import { assertValidStreamTailRequests } from "../../integrity/stream-tail-guard.js";
import type { EventStore, NewEvent, RecordedEvent, StreamTailRequest } from "../../ports/event-store.js";

/**
 * The smallest faithful EventStore for model-based tests (the domain package cannot depend on the adapters): one array in
 * global order, the port's input guards and expected-version rule, and `clone` so a bootstrapped world can be reused
 * by every run of a property.
 */
export interface ArrayEventStoreOptions {
  /** Offer the optional `readStreams` (the control plane then reads a command's streams in one call). */
  readonly readStreams?: boolean;
}

export interface ArrayEventStore extends EventStore {
  clone(options?: ArrayEventStoreOptions): ArrayEventStore;
  readonly events: readonly RecordedEvent[];
  /** Makes the `nth` append from now (1 = the next) throw before writing anything, like a lost connection. */
  injectFault(nth: number): void;
  clearFault(): void;
}

/** What an injected fault throws. */
export class InjectedFault extends Error {
  override readonly name = "InjectedFault";
}

export function createArrayEventStore(initial: readonly RecordedEvent[] = [], options: ArrayEventStoreOptions = {}): ArrayEventStore {
  const events: RecordedEvent[] = [...initial];
  const versions = new Map<string, number>();
  let faultIn: number | undefined;
  for (const event of events) versions.set(event.streamName, event.version);
  const readStreams = (requests: readonly StreamTailRequest[]) => {
    assertValidStreamTailRequests(requests);
    return Promise.resolve(requests.map((r) => events.filter((e) => e.streamName === r.streamName && e.version >= r.fromVersion)));
  };
  return {
    name: "array",
    events,
    clone: (cloneOptions) => createArrayEventStore(events, cloneOptions ?? options),
    ...(options.readStreams === true ? { readStreams } : {}),
    injectFault: (nth) => {
      faultIn = nth;
    },
    clearFault: () => {
      faultIn = undefined;
    },
    append(streamName: string, batch: readonly NewEvent[], options) {
      if (faultIn !== undefined) {
        faultIn -= 1;
        if (faultIn === 0) {
          faultIn = undefined;
          return Promise.reject(new InjectedFault(`injected fault on append to '${streamName}'`));
        }
      }
      assertValidAppend(streamName, batch, options);
      const current = versions.get(streamName) ?? 0;
      checkExpectedVersion(streamName, options.expectedVersion, current);
      if (batch.length === 0) return Promise.resolve({ nextExpectedVersion: current });
      const first = events.length + 1;
      batch.forEach((event, index) => events.push({ ...event, streamName, version: current + index + 1, globalPosition: first + index }));
      versions.set(streamName, current + batch.length);
      return Promise.resolve({ nextExpectedVersion: current + batch.length, positions: { first, last: events.length } });
    },
    readStream(streamName, options = {}) {
      if (options.direction === "backwards") {
        const top = options.fromVersion ?? Number.MAX_SAFE_INTEGER;
        const bottom = options.toVersion ?? 1;
        const found = events.filter((e) => e.streamName === streamName && e.version <= top && e.version >= bottom).reverse();
        return Promise.resolve(options.limit === undefined ? found : found.slice(0, options.limit));
      }
      const from = options.fromVersion ?? 1;
      const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
      const found = events.filter((e) => e.streamName === streamName && e.version >= from && e.version <= to);
      return Promise.resolve(options.limit === undefined ? found : found.slice(0, options.limit));
    },
    readAll(options = {}) {
      const after = events.slice(options.after ?? 0);
      return Promise.resolve(options.limit === undefined ? after : after.slice(0, options.limit));
    },
    streamVersion: (streamName) => Promise.resolve(versions.get(streamName) ?? 0),
    headPosition: () => Promise.resolve(events.length),
    close: () => Promise.resolve(),
  };
}
