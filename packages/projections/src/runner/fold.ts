import type { RecordedEvent } from "@cloud-ledger/domain";
import { ProjectionApplyError, ProjectionDecodeError } from "./errors.js";
import type { AnyProjection, EventDecoder } from "./projection.js";

/** One projection's live state and the global position it reflects. */
export interface Slot<E> {
  readonly projection: AnyProjection<E>;
  state: unknown;
  position: number;
}

export function freshSlot<E>(projection: AnyProjection<E>): Slot<E> {
  return { projection, state: projection.initialState(), position: 0 };
}

/**
 * Folds a page of events (ascending positions) into every slot that is behind them, decoding each event once for
 * all slots. `stopBefore` ends the fold at the first event it accepts (time travel). Returns how many events of the
 * page were consumed. A decode failure or a throwing `apply` is raised as a typed error; slots keep every event
 * applied before it (a slot whose `apply` threw may hold a half-applied event — the caller must discard it).
 */
export function foldPage<E>(
  slots: readonly Slot<E>[],
  events: readonly RecordedEvent[],
  decoder: EventDecoder<E>,
  stopBefore?: (recorded: RecordedEvent) => boolean,
): number {
  const slotCount = slots.length;
  for (let i = 0; i < events.length; i++) {
    const recorded = events[i] as RecordedEvent;
    if (stopBefore !== undefined && stopBefore(recorded)) return i;
    const position = recorded.globalPosition;
    let needed = false;
    for (let s = 0; s < slotCount; s++) if ((slots[s] as Slot<E>).position < position) needed = true;
    if (!needed) continue;
    const decoded = decoder.decode(recorded);
    if (decoded._tag === "Left") {
      throw new ProjectionDecodeError(recorded.streamName, recorded.version, position, decoded.left);
    }
    const event = decoded.right;
    for (let s = 0; s < slotCount; s++) {
      const slot = slots[s] as Slot<E>;
      if (slot.position >= position) continue;
      try {
        slot.state = slot.projection.apply(slot.state, event, recorded);
      } catch (cause) {
        throw new ProjectionApplyError(slot.projection.name, position, recorded.type, cause);
      }
      slot.position = position;
    }
  }
  return events.length;
}
