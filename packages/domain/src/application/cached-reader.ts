import { right } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { EventStore, RecordedEvent } from "../ports/event-store.js";
import type { EventSerde } from "./command-handler.types.js";
import { foldStream, loadedFrom, type FoldedStream, type StreamTail } from "./fold-stream.js";
import type { LoadedStream, LoadOptions, StreamHead, StreamReader } from "./stream-reader.js";
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
  return readerOver(store, cache, undefined);
}

function readerOver(store: EventStore, cache: StreamCache, tails: Map<string, StreamTail> | undefined): StreamReader {
  return {
    async load<C, E, S, Err>(streamName: string, decider: Decider<C, E, S, Err>, serde: EventSerde<E>, options: LoadOptions = {}) {
      const tail = options.fresh === true ? undefined : tails?.get(streamName);
      // Fresher than the tail from here on: what the tail said is superseded.
      if (options.fresh === true) tails?.delete(streamName);
      const known = cache.get<S>(streamName, decider);
      const folded = await foldStream(store, streamName, decider, serde, options.commandId, known, tail);
      if (folded._tag === "Left") return folded;
      // Nothing new on a cached stream: the entry stands as it is (and `get` already made it the most recent).
      if (folded.right.entry !== known) cache.set(streamName, decider, folded.right.entry);
      return right(loadedFrom(folded.right));
    },
    appended<S>(streamName: string, decider: object, before: LoadedStream<S>, after: StreamHead<S>, commandId: string) {
      tails?.delete(streamName);
      const known = cache.get<S>(streamName, decider);
      // The cache's own map when it still holds the fold the command decided on; a copy otherwise (rare: evicted).
      const commands: FoldedStream<S>["commands"] = known?.version === before.version ? known.commands : new Map(before.commands);
      commands.set(commandId, [before.version + 1, after.version]);
      const { state, version, lastHash, lastOccurredAt } = after;
      cache.set(streamName, decider, { state, version, lastHash, lastOccurredAt, commands });
    },
    stale(streamName) {
      tails?.delete(streamName);
      cache.delete(streamName);
    },
    async readAhead(streamNames) {
      if (tails === undefined || store.readStreams === undefined || streamNames.length === 0) return;
      const requests = [...new Set(streamNames)].map((streamName) => ({ streamName, fromVersion: cache.peekVersion(streamName) + 1 }));
      let results: readonly (readonly RecordedEvent[])[];
      try {
        results = await store.readStreams(requests);
      } catch {
        return;
      }
      requests.forEach((request, index) => {
        const events = results[index];
        if (events !== undefined) tails.set(request.streamName, { fromVersion: request.fromVersion, events });
      });
    },
    scope: () => readerOver(store, cache, new Map()),
  };
}
