import type { RecordedEvent } from "../../ports/event-store.js";
import { STREAM_REPLAYERS, type StreamReplayer } from "../../stream-replayers.js";
import { parseStreamName, type StreamKind } from "../../streams.js";

export function aggregateOf(streamName: string): {
  readonly kind: StreamKind;
  readonly decider: StreamReplayer;
  readonly serde: StreamReplayer["serde"];
} {
  const id = parseStreamName(streamName);
  if (id === undefined) throw new Error(`stream '${streamName}' is not a domain stream`);
  const replayer = STREAM_REPLAYERS[id.kind];
  return { kind: id.kind, decider: replayer, serde: replayer.serde };
}

export function decodeOrThrow(event: RecordedEvent): unknown {
  const decoded = aggregateOf(event.streamName).serde.decode(event);
  if (decoded._tag === "Left") throw new Error(`stored event ${event.streamName}@${event.version} does not decode: ${decoded.left}`);
  return decoded.right;
}

/** Applies stored events to per-stream states (from each stream's initial state when first seen). */
export function applyEvents(states: Map<string, unknown>, events: readonly RecordedEvent[]): Map<string, unknown> {
  for (const event of events) {
    const { decider } = aggregateOf(event.streamName);
    const before: unknown = states.has(event.streamName) ? states.get(event.streamName) : decider.initialState();
    states.set(event.streamName, decider.evolve(before, decodeOrThrow(event)));
  }
  return states;
}

/** Every stream's state, rebuilt from nothing by folding the whole log. */
export function replayStreamStates(events: readonly RecordedEvent[]): Map<string, unknown> {
  return applyEvents(new Map(), events);
}
