import { parseActor } from "../authorization/actor.js";
import type { RecordedEvent } from "../ports/event-store.js";
import { STREAM_REPLAYERS } from "../stream-replayers.js";
import { parseStreamName } from "../streams.js";
import { streamKeyMismatch } from "../audit/stream-keys.js";

/**
 * The domain's rules for one event of a log that is about to be written into a store (an NDJSON import): the stream
 * is one of the domain's, the metadata holds exactly what the command handler writes, the actor is a valid actor, the
 * data decodes with its type's codec at a supported schema version (unknown types and fields are refused), its keys
 * match its stream's, and its stream's decider folds it. Each stream's state is kept (memory grows with the streams).
 */
export interface LogReplayCheck {
  /**
   * Folds events the target store already holds (a stream an appended log continues) into their stream's state
   * before the log's events of that stream are checked; they are trusted (the target's own audit covers them).
   */
  seed(events: readonly RecordedEvent[]): void;
  /** The first rule the event breaks, or undefined once it has been folded into its stream's state. */
  check(event: RecordedEvent): string | undefined;
}

const METADATA_KEYS = ["actor", "causationId", "commandId", "correlationId", "occurredAt"].join(",");
// What the injected clocks produce: ISO-8601 UTC with milliseconds.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function createLogReplayCheck(): LogReplayCheck {
  const states = new Map<string, unknown>();

  const fold = (event: RecordedEvent, strict: boolean): string | undefined => {
    const id = parseStreamName(event.streamName);
    if (id === undefined) return `stream '${event.streamName}' is not one of the domain's streams`;
    const replayer = STREAM_REPLAYERS[id.kind];
    if (strict) {
      const keys = Object.keys(event.metadata).sort().join(",");
      if (keys !== METADATA_KEYS) return `metadata must have exactly the keys ${METADATA_KEYS}; got ${keys}`;
      if (parseActor(event.metadata.actor)._tag === "Left")
        return `actor '${event.metadata.actor}' is neither github:<id> nor system:<name>`;
      if (!INSTANT.test(event.metadata.occurredAt) || Number.isNaN(Date.parse(event.metadata.occurredAt))) {
        return `occurredAt '${event.metadata.occurredAt}' is not an ISO-8601 UTC instant`;
      }
    }
    const decoded = replayer.serde.decode(event);
    if (decoded._tag === "Left") return decoded.left;
    const data = (decoded.right as { readonly data?: Readonly<Record<string, unknown>> }).data ?? {};
    const mismatch = streamKeyMismatch(id, data);
    if (mismatch !== undefined) return mismatch;
    try {
      states.set(event.streamName, replayer.evolve(states.get(event.streamName) ?? replayer.initialState(), decoded.right));
    } catch (error) {
      return `its stream's decider cannot fold it: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
  };

  return {
    seed(events) {
      for (const event of events) {
        const problem = fold(event, false);
        if (problem !== undefined)
          throw new RangeError(`the target's stream '${event.streamName}' version ${event.version} does not replay: ${problem}`);
      }
    },
    check: (event) => fold(event, true),
  };
}
