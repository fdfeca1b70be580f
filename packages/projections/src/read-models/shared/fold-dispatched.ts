import type { RecordedDomainEvent } from "@cloud-ledger/domain";
import type { DomainProjection } from "./domain-projection.js";

/**
 * Folds the events a dispatch returned into a projection's state, exactly as a replay folds the stored ones: the
 * projection's own `apply`, so a view computed from a command's result cannot drift from the read models.
 */
export function foldDispatched<S>(projection: DomainProjection<S>, state: S, events: readonly RecordedDomainEvent[]): S {
  let folded = state;
  // A dispatched event is its stored envelope with the data decoded: it is both the event and the `recorded` envelope.
  for (const event of events) folded = projection.apply(folded, event, event);
  return folded;
}
