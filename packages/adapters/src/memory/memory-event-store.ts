import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamTailRequest,
} from "@cloud-ledger/domain";
import {
  assertValidAppend,
  assertValidStreamAppends,
  assertValidReadAllOptions,
  assertValidReadStreamOptions,
  assertValidStreamName,
  assertValidStreamTailRequests,
  checkExpectedVersion,
  StoreClosedError,
} from "@cloud-ledger/domain";
import { frozenJsonCopy } from "./frozen-json-copy.js";
import { selectStreamWindow } from "./stream-window.js";
import { planAppends } from "../append-plan/index.js";

/** Runs the work now, whole, and hands its result or its throw over as a promise (one promise, no extra tick). */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    // Whatever the work threw, passed on unchanged (the store's own guards throw typed Errors).
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return Promise.reject(error);
  }
}

/**
 * The in-memory event store: one array in global order (position = index + 1) and one array per stream.
 * Each call does its work synchronously when made, so concurrent callers are serialised and exactly one wins a version.
 * Stored events are frozen copies, so callers can neither mutate the log nor see later changes to their inputs.
 */
export function createMemoryEventStore(): EventStore {
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("memory");
  };

  const append = (streamName: string, events: readonly NewEvent[], options: AppendOptions): AppendResult => {
    ensureOpen();
    assertValidAppend(streamName, events, options);
    checkExpectedVersion(streamName, options.expectedVersion, streams.get(streamName)?.length ?? 0);
    return write(streamName, events);
  };

  // Every check is done before the first write, so a refused multi-stream append leaves nothing behind.
  const appendStreams = (appends: readonly StreamAppend[]): AppendResult[] => {
    ensureOpen();
    assertValidStreamAppends(appends);
    const [plan] = planAppends([appends], (streamName) => streams.get(streamName)?.length ?? 0);
    if (plan !== undefined && !plan.ok) throw plan.error;
    return appends.map((part) => write(part.streamName, part.events));
  };

  /** Appends checked events at the stream's end. */
  const write = (streamName: string, events: readonly NewEvent[]): AppendResult => {
    const stream = streams.get(streamName);
    const current = stream?.length ?? 0;
    if (events.length === 0) return { nextExpectedVersion: current };
    // Same normalisation as a real store (e.g. -0 becomes 0) and a private frozen copy the caller cannot reach.
    const recorded = events.map((event, index) =>
      Object.freeze<RecordedEvent>({
        streamName,
        version: current + index + 1,
        globalPosition: log.length + index + 1,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: frozenJsonCopy(event.data),
        metadata: frozenJsonCopy(event.metadata),
        hash: event.hash,
      }),
    );
    const first = log.length + 1;
    log.push(...recorded);
    if (stream === undefined) streams.set(streamName, recorded);
    else stream.push(...recorded);
    return { nextExpectedVersion: current + events.length, positions: { first, last: log.length } };
  };

  const readStream = (streamName: string, options?: ReadStreamOptions): readonly RecordedEvent[] => {
    ensureOpen();
    assertValidStreamName(streamName);
    assertValidReadStreamOptions(options);
    return selectStreamWindow(streams.get(streamName) ?? [], options);
  };

  const readStreams = (requests: readonly StreamTailRequest[]): readonly (readonly RecordedEvent[])[] => {
    ensureOpen();
    assertValidStreamTailRequests(requests);
    return requests.map(({ streamName, fromVersion }) => (streams.get(streamName) ?? []).slice(fromVersion - 1));
  };

  const readAll = (options?: ReadAllOptions): readonly RecordedEvent[] => {
    ensureOpen();
    assertValidReadAllOptions(options);
    const start = Math.min(options?.after ?? 0, log.length);
    const end = options?.limit === undefined ? log.length : Math.min(log.length, start + options.limit);
    return log.slice(start, end);
  };

  return {
    name: "memory",
    append: (streamName, events, options) => settle(() => append(streamName, events, options)),
    readStream: (streamName, options) => settle(() => readStream(streamName, options)),
    appendStreams: (appends) => settle(() => appendStreams(appends)),
    readStreams: (requests) => settle(() => readStreams(requests)),
    readAll: (options) => settle(() => readAll(options)),
    streamVersion: (streamName) =>
      settle(() => {
        ensureOpen();
        assertValidStreamName(streamName);
        return streams.get(streamName)?.length ?? 0;
      }),
    headPosition: () =>
      settle(() => {
        ensureOpen();
        return log.length;
      }),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
