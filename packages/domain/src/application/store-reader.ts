import { right } from "fp-ts/lib/Either.js";
import type { EventStore } from "../ports/event-store.js";
import { foldStream, loadedFrom } from "./fold-stream.js";
import type { StreamReader } from "./stream-reader.js";

/** Reads and folds every stream whole on every load: no cache, no read-ahead (the reference the cached reader must equal). */
export function createStoreReader(store: EventStore): StreamReader {
  const reader: StreamReader = {
    async load(streamName, decider, serde, options = {}) {
      const folded = await foldStream(store, streamName, decider, serde, options.commandId, undefined);
      return folded._tag === "Left" ? folded : right(loadedFrom(folded.right));
    },
    appended: () => undefined,
    stale: () => undefined,
    readAhead: () => Promise.resolve(),
    scope: () => reader,
  };
  return reader;
}
