import { right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { EventStore, RecordedEvent, StreamTailRequest } from "../ports/event-store.js";
import type { EventSerde } from "./command-handler.types.js";
import { foldStream, foldTail, loadedFrom, type Folded, type FoldedStream, type StreamTail } from "./fold-stream.js";
import type { CorruptFailure, LoadedStream, LoadOptions, StreamHead, StreamReader } from "./stream-reader.js";
import { createStreamCache, DEFAULT_CACHED_STREAMS, type StreamCache } from "./stream-cache.js";

export interface CachedReaderOptions {
  /** How many folded streams are kept (default 10,000); the least recently used are forgotten first. */
  readonly maxStreams?: number;
}

/**
 * A reader that remembers folded streams, so that a later load reads only the events appended since (streams are
 * append-only; without it every command on a hot stream re-reads and re-decodes its whole history). Its scopes read
 * ahead: the tails of a dispatch's streams in one store call (`readStreams`, one round trip and one snapshot on a
 * server store), each standing in for that stream's reads until the stream is written or read fresh.
 */
export function createCachedReader(store: EventStore, options: CachedReaderOptions = {}): StreamReader {
  const cache = createStreamCache(options.maxStreams ?? DEFAULT_CACHED_STREAMS);
  return new CachedReader(store, cache, undefined);
}

/**
 * A class, not closures: every dispatch makes a scope, and a scope is then one small object with the methods shared
 * (the command path is a few microseconds on the memory store, where per-dispatch allocations show).
 */
class CachedReader implements StreamReader {
  constructor(
    private readonly store: EventStore,
    private readonly cache: StreamCache,
    /** The scope's read-ahead tails (undefined for the process-wide reader, which does not read ahead). */
    private readonly tails: Map<string, StreamTail> | undefined,
  ) {}

  load<C, E, S, Err>(
    streamName: string,
    decider: Decider<C, E, S, Err>,
    serde: EventSerde<E>,
    options: LoadOptions = NO_OPTIONS,
  ): Promise<Either<CorruptFailure, LoadedStream<S>>> {
    const tail = options.fresh === true ? undefined : this.tails?.get(streamName);
    // Fresher than the tail from here on: what the tail said is superseded.
    if (options.fresh === true) this.tails?.delete(streamName);
    const known = this.cache.get<S>(streamName, decider);
    // Served from the dispatch's read ahead (most loads): answered at once, without a store call or async steps.
    const quick = tail === undefined ? undefined : foldTail(streamName, decider, serde, options.commandId, known, tail);
    if (quick !== undefined) return Promise.resolve(this.remember(streamName, decider, known, quick));
    return foldStream(this.store, streamName, decider, serde, options.commandId, known, tail).then((folded) =>
      this.remember(streamName, decider, known, folded),
    );
  }

  private remember<S>(
    streamName: string,
    decider: object,
    known: FoldedStream<S> | undefined,
    folded: Either<CorruptFailure, Folded<S>>,
  ): Either<CorruptFailure, LoadedStream<S>> {
    if (folded._tag === "Left") return folded;
    // Nothing new on a cached stream: the entry stands as it is (and `get` already made it the most recent).
    if (folded.right.entry !== known) this.cache.set(streamName, decider, folded.right.entry);
    return right(loadedFrom(folded.right));
  }

  appended<S>(streamName: string, decider: object, before: LoadedStream<S>, after: StreamHead<S>, commandId: string): void {
    this.tails?.delete(streamName);
    const known = this.cache.get<S>(streamName, decider);
    // The cache's own map when it still holds the fold the command decided on; a copy otherwise (rare: evicted).
    const commands: FoldedStream<S>["commands"] = known?.version === before.version ? known.commands : new Map(before.commands);
    commands.set(commandId, [before.version + 1, after.version]);
    const { state, version, lastHash, lastOccurredAt } = after;
    this.cache.set(streamName, decider, { state, version, lastHash, lastOccurredAt, commands });
  }

  stale(streamName: string): void {
    this.tails?.delete(streamName);
    this.cache.delete(streamName);
  }

  async readAhead(streamNames: readonly string[]): Promise<void> {
    const { tails, store, cache } = this;
    if (tails === undefined || store.readStreams === undefined || streamNames.length === 0) return;
    // A handful of names per dispatch: a linear check for repeats beats building a Set.
    const requests: StreamTailRequest[] = [];
    for (const streamName of streamNames) {
      if (!requests.some((r) => r.streamName === streamName)) requests.push({ streamName, fromVersion: cache.peekVersion(streamName) + 1 });
    }
    let results: readonly (readonly RecordedEvent[])[];
    try {
      results = await store.readStreams(requests);
    } catch {
      return;
    }
    for (let index = 0; index < requests.length; index += 1) {
      const events = results[index];
      const { streamName, fromVersion } = requests[index]!;
      if (events !== undefined) tails.set(streamName, { fromVersion, events });
    }
  }

  scope(): StreamReader {
    return new CachedReader(this.store, this.cache, new Map());
  }
}

const NO_OPTIONS: LoadOptions = {};
