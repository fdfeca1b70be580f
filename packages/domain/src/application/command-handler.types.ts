import type { Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { JsonValue, RecordedEvent } from "../ports/event-store.js";

/** How a decider's events cross the storage boundary: to a stored shape and back (with upcasting on the way in). */
export interface EventSerde<Event> {
  readonly encode: (event: Event) => { readonly type: string; readonly schemaVersion: number; readonly data: JsonValue };
  /** Decodes (and upcasts) a stored event; a Left names what was wrong. */
  readonly decode: (recorded: RecordedEvent) => Either<string, Event>;
}

export interface CommandEnvelope<Command> {
  readonly command: Command;
  /** The idempotency key: sending the same command id twice returns the first result and appends nothing. */
  readonly commandId: string;
  /** Stable actor key, e.g. `github:583231`. */
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * A stream's events from `fromVersion` on, as a store returned them a moment ago (e.g. from one multi-stream read at
 * the start of a dispatch). A load may use it instead of reading the store, as it would the result of its own read.
 */
export interface StreamTail {
  readonly fromVersion: number;
  readonly events: readonly RecordedEvent[];
}

export interface HandleRequest<Command, Event, State, Err> {
  readonly streamName: string;
  readonly decider: Decider<Command, Event, State, Err>;
  readonly serde: EventSerde<Event>;
  readonly envelope: CommandEnvelope<Command>;
  /** Used by the first attempt only: a retry after a conflict always reads the store. */
  readonly tail?: StreamTail;
}

export interface HandleSuccess<State> {
  /** The events this command appended (or, for a repeated command id, the ones it appended the first time). */
  readonly events: readonly RecordedEvent[];
  readonly state: State;
  readonly version: number;
  /** True when the command id had already been handled and nothing new was appended. */
  readonly duplicate: boolean;
}

export type HandlerFailure<Err> =
  | { readonly kind: "rejected"; readonly error: Err }
  | { readonly kind: "conflict"; readonly streamName: string; readonly attempts: number; readonly message: string }
  | { readonly kind: "corrupt"; readonly streamName: string; readonly version: number; readonly message: string };

export interface CommandHandler {
  handle<Command, Event, State, Err>(
    request: HandleRequest<Command, Event, State, Err>,
  ): Promise<Either<HandlerFailure<Err>, HandleSuccess<State>>>;
}
