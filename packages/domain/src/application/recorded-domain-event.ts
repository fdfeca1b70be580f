import { left, right, type Either } from "fp-ts/lib/Either.js";
import { domainEventSerde, type DomainEvent } from "../events.js";
import type { RecordedEvent } from "../ports/event-store.js";

/**
 * A stored event with its data decoded: the store envelope (stream, version, positions, metadata) plus one member of
 * the event catalog, so `switch (event.type)` narrows `event.data` without casts. `data` is always in the current
 * schema (upcast when stored older); `schemaVersion` still says what the store holds.
 */
export type RecordedDomainEvent = DomainEvent extends infer Event
  ? Event extends DomainEvent
    ? Omit<RecordedEvent, "type" | "data"> & Event
    : never
  : never;

/** Decodes (and upcasts) every event; a Left names the first that is not a member of the catalog. */
export function decodeRecordedDomainEvents(
  events: readonly RecordedEvent[],
): Either<{ readonly event: RecordedEvent; readonly message: string }, readonly RecordedDomainEvent[]> {
  const decoded: RecordedDomainEvent[] = [];
  for (const event of events) {
    const typed = domainEventSerde.decode(event);
    if (typed._tag === "Left") return left({ event, message: typed.left });
    decoded.push({ ...event, ...typed.right });
  }
  return right(decoded);
}
