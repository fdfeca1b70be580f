import type { AppendOptions, AppendResult, EventStore, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import type { ProjectionRunner } from "./runner.js";

/**
 * Inline mode: an EventStore whose `append` folds the appended events into the runner's projections before it
 * returns, so a caller reads its own writes. When the append's positions are contiguous the events are folded
 * straight from memory; otherwise (another writer interleaved) the runner catches up from the store.
 * A projection failure surfaces as the append's error — the events are stored either way.
 */
export function withInlineProjections<E>(store: EventStore, runner: ProjectionRunner<E>): EventStore {
  return {
    name: store.name,
    async append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
      const result = await store.append(streamName, events, options);
      const { positions } = result;
      if (positions === undefined) return result;
      if (positions.last - positions.first + 1 === events.length) {
        const firstVersion = result.nextExpectedVersion - events.length + 1;
        const recorded: RecordedEvent[] = events.map((event, i) => ({
          ...event,
          streamName,
          version: firstVersion + i,
          globalPosition: positions.first + i,
        }));
        await runner.applyAppended(recorded);
      } else {
        await runner.waitUntilCaughtUp(positions.last);
      }
      return result;
    },
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    streamVersion: (streamName) => store.streamVersion(streamName),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}
