import type { Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { JsonValue, NewEvent, RecordedEvent } from "../ports/event-store.js";
import type { StreamReader } from "./stream-reader.js";

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

export interface HandleRequest<Command, Event, State, Err> {
  readonly streamName: string;
  readonly decider: Decider<Command, Event, State, Err>;
  readonly serde: EventSerde<Event>;
  readonly envelope: CommandEnvelope<Command>;
  /** Reads the stream through this reader (e.g. a dispatch's, which read its streams ahead) instead of the handler's own. */
  readonly reader?: StreamReader;
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

/**
 * The second stream of a two-stream command: its command follows from the first stream's state after the first
 * stream's decision (e.g. a project's index entry from the deployment as the command leaves it).
 */
/** What a follower sees of the lead's events: their type, data and metadata (recorded time, actor). */
export type LeadEvent = Pick<NewEvent, "type" | "data" | "metadata">;

export interface FollowerRequest<Command, Event, State, LeadState, Err> {
  /** The stream, or how it follows from the lead's state (e.g. the organization a name claim names). */
  readonly streamName: string | ((lead: LeadState) => string);
  readonly decider: Decider<Command, Event, State, Err>;
  readonly serde: EventSerde<Event>;
  /**
   * The follower's command, from the lead's new state and the lead events this command wrote (new ones, or on a retry
   * the ones it wrote before; empty when the lead decided nothing): their recorded times are what the follower may need.
   */
  readonly command: (lead: LeadState, leadEvents: readonly LeadEvent[]) => Command;
  /** Default: the lead's command id. */
  readonly commandId?: string;
}

export interface CommandHandler {
  handle<Command, Event, State, Err>(
    request: HandleRequest<Command, Event, State, Err>,
  ): Promise<Either<HandlerFailure<Err>, HandleSuccess<State>>>;
  /**
   * Decides a command on two streams and appends both in one transaction (the store's `appendStreams`), each part
   * checked against the version it was decided on, so no crash or concurrent writer can leave one written without
   * the other. Absent when the handler's store has no `appendStreams`; callers then write stream by stream.
   */
  handlePair?<C1, E1, S1, C2, E2, S2, Err>(
    lead: HandleRequest<C1, E1, S1, Err>,
    follower: FollowerRequest<C2, E2, S2, S1, Err>,
  ): Promise<Either<HandlerFailure<Err>, readonly [HandleSuccess<S1>, HandleSuccess<S2>]>>;
}
