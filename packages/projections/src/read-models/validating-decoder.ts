import { right, type Either } from "fp-ts/lib/Either.js";
import { domainEventReplayChecks, domainEventSerde, type DomainEvent, type RecordedEvent } from "@cloud-ledger/domain";
import type { EventDecoder } from "../runner/projection.js";

/**
 * The domain's full validation at replay speed. A stored event of the current schema version whose data passes the
 * domain's replay check (generated from the event catalog: codec/replay-check.ts) is returned as is — exactly what
 * `domainEventSerde` returns for it, without io-ts's per-call contexts and wrappers. Everything else (older versions to
 * upcast, unknown types, any invalid data) goes through `domainEventSerde` itself, so every error names type, version
 * and field just as before. The event's `type` is the definition's own string, which read models can hash once.
 */
export const validatingDomainEventDecoder: EventDecoder<DomainEvent> = {
  decode(recorded: RecordedEvent): Either<string, DomainEvent> {
    const entry = domainEventReplayChecks.get(recorded.type);
    if (entry !== undefined && recorded.schemaVersion === entry.schemaVersion && entry.check(recorded.data)) {
      return right({ type: entry.type, data: recorded.data } as DomainEvent);
    }
    return domainEventSerde.decode(recorded);
  },
};

/** Event types the fast path covers (the rest always take the io-ts path); for tests. */
export const compiledEventTypes: ReadonlySet<string> = new Set(domainEventReplayChecks.keys());
