import type { Decider } from "../decider.js";
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from "../ports/event-store.js";
import { hashEvent, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { CommandEnvelope, EventSerde } from "./command-handler.types.js";

export interface Sealed<State> {
  readonly newEvents: readonly NewEvent[];
  /** The state after the decided events. */
  readonly nextState: State;
  /** The chain link of the last new event (the stream's last hash when there are none). */
  readonly lastHash: string;
}

export interface SealPorts {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly sha256Hex: Sha256Hasher;
}

/**
 * A stream's clock never runs backwards (the audit checks it): writers whose clocks disagree, or one that read the
 * time before another appended, stamp the previous event's time (`lastOccurredAt`, "" for a new stream) instead.
 */
export function metadataOf(envelope: CommandEnvelope<unknown>, clock: Clock, lastOccurredAt: string): EventMetadata {
  return {
    actor: envelope.actor,
    occurredAt: notBefore(clock.now(), lastOccurredAt),
    correlationId: envelope.correlationId ?? envelope.commandId,
    causationId: envelope.causationId ?? envelope.commandId,
    commandId: envelope.commandId,
  };
}

function notBefore(now: string, previous: string): string {
  return previous !== "" && Date.parse(now) < Date.parse(previous) ? previous : now;
}

/** Encodes decided events, gives them ids and links them into the stream's hash chain after `version` / `lastHash`. */
export function sealEvents<Command, Event, State, Err>(
  ports: SealPorts,
  streamName: string,
  decider: Decider<Command, Event, State, Err>,
  serde: EventSerde<Event>,
  from: { readonly state: State; readonly version: number; readonly lastHash: string },
  decided: readonly Event[],
  metadata: EventMetadata,
): Sealed<State> {
  let previousHash = from.lastHash;
  let nextState = from.state;
  const newEvents: NewEvent[] = decided.map((event, index) => {
    nextState = decider.evolve(nextState, event);
    const { type, schemaVersion, data } = serde.encode(event);
    const eventId = ports.ids.ulid();
    const version = from.version + index + 1;
    const hash = hashEvent(previousHash, { streamName, version, eventId, type, schemaVersion, data, metadata }, ports.sha256Hex);
    previousHash = hash;
    return { eventId, type, schemaVersion, data, metadata, hash };
  });
  return { newEvents, nextState, lastHash: previousHash };
}

/** The appended events as the store recorded them, from the positions it returned (contiguous for one part). */
export function recordedFrom(streamName: string, version: number, newEvents: readonly NewEvent[], first: number): RecordedEvent[] {
  return newEvents.map((event, index) => ({
    streamName,
    version: version + index + 1,
    globalPosition: first + index,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    hash: event.hash,
  }));
}

export function isWrongExpectedVersion(error: unknown): boolean {
  // By name as well as by class: a bundled copy of the domain in an adapter would carry its own class object.
  return error instanceof Error && error.name === "WrongExpectedVersionError";
}

/** True for a promise (or any thenable) rather than a value already at hand. */
export const isPending = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { readonly then?: unknown }).then === "function";

/**
 * The appended events as the store recorded them: positions are contiguous unless other writers interleaved. A value,
 * not a promise, in the usual contiguous case: the command path takes no extra asynchronous step for it.
 */
export function recordedAfterAppend(
  store: EventStore,
  streamName: string,
  version: number,
  newEvents: readonly NewEvent[],
  positions: { readonly first: number; readonly last: number } | undefined,
): readonly RecordedEvent[] | Promise<readonly RecordedEvent[]> {
  if (positions !== undefined && positions.last - positions.first + 1 === newEvents.length) {
    return recordedFrom(streamName, version, newEvents, positions.first);
  }
  return store.readStream(streamName, { fromVersion: version + 1, toVersion: version + newEvents.length });
}
