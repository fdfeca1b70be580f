import type { FoldedStream } from "./fold-stream.js";

/**
 * What a process already knows about streams, folded: streams are append-only, so a later load only reads the events
 * after the cached version. Bounded: the least recently used streams are forgotten first. Used by the cached reader
 * only (see cached-reader.ts).
 */
export interface StreamCache {
  get<State>(streamName: string, owner: object): FoldedStream<State> | undefined;
  set<State>(streamName: string, owner: object, entry: FoldedStream<State>): void;
  delete(streamName: string): void;
  /** The cached version of a stream whoever folded it (0 when not cached), without touching its recency. */
  peekVersion(streamName: string): number;
}

export const DEFAULT_CACHED_STREAMS = 10_000;

/**
 * `owner` is the decider: a stream folded by one decider is never handed to another. Eviction is "second chance"
 * (CLOCK), an approximation of least-recently-used: a read only marks its entry, and the reordering happens when the
 * cache is full, so the hot path of every load is one map lookup instead of a delete and a re-insert.
 */
export function createStreamCache(maxStreams = DEFAULT_CACHED_STREAMS): StreamCache {
  interface Slot {
    readonly owner: object;
    readonly entry: FoldedStream<unknown>;
    used: boolean;
  }
  const entries = new Map<string, Slot>();
  /** Evicts the oldest entry not read since its last chance, never `keep` (the one just stored). */
  const evictOne = (keep: string): void => {
    // Every pass either evicts or clears a mark, so this ends within two rounds of the map (which holds >= 2 entries).
    for (;;) {
      const oldest = entries.entries().next();
      if (oldest.done === true) return;
      const [name, slot] = oldest.value;
      entries.delete(name);
      if (!slot.used && name !== keep) return;
      slot.used = false;
      entries.set(name, slot);
    }
  };
  return {
    get<State>(streamName: string, owner: object) {
      const found = entries.get(streamName);
      if (found === undefined || found.owner !== owner) return undefined;
      found.used = true;
      return found.entry as FoldedStream<State>;
    },
    set(streamName, owner, entry) {
      entries.delete(streamName);
      entries.set(streamName, { owner, entry, used: false });
      if (entries.size > maxStreams) evictOne(streamName);
    },
    delete(streamName) {
      entries.delete(streamName);
    },
    peekVersion(streamName) {
      return entries.get(streamName)?.entry.version ?? 0;
    },
  };
}
