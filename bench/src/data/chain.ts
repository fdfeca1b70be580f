import { GENESIS_HASH, domainEventSerde, hashEvent, type DomainEvent, type NewEvent } from "@cloud-ledger/domain";

/** Where one stream's hash chain stands: its version and last link. */
export interface ChainHead {
  version: number;
  hash: string;
}

export interface EnvelopeFields {
  readonly eventId: string;
  readonly commandId: string;
  readonly actor: string;
  readonly occurredAt: string;
}

/**
 * Turns domain events into ready-to-append events exactly as the command handler would: encoded with the domain's
 * serde, metadata filled, and each hash chained from the stream's previous link (GENESIS_HASH for a new stream).
 * `head` is advanced in place so a generator can keep one per open stream.
 */
export function sealEvents(
  streamName: string,
  head: ChainHead,
  events: readonly DomainEvent[],
  envelope: (i: number) => EnvelopeFields,
): NewEvent[] {
  const sealed: NewEvent[] = [];
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i] as DomainEvent;
    const { eventId, commandId, actor, occurredAt } = envelope(i);
    const encoded = domainEventSerde.encode(event);
    const metadata = { actor, occurredAt, correlationId: commandId, causationId: commandId, commandId };
    const version = head.version + 1;
    const hash = hashEvent(head.hash, {
      streamName,
      version,
      eventId,
      type: encoded.type,
      schemaVersion: encoded.schemaVersion,
      data: encoded.data,
      metadata,
    });
    sealed.push({ eventId, type: encoded.type, schemaVersion: encoded.schemaVersion, data: encoded.data, metadata, hash });
    head.version = version;
    head.hash = hash;
  }
  return sealed;
}

export const newChainHead = (): ChainHead => ({ version: 0, hash: GENESIS_HASH });
