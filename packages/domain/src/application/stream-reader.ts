import type { Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { RecordedEvent } from "../ports/event-store.js";
import type { EventSerde, HandlerFailure } from "./command-handler.types.js";

export type CorruptFailure = Extract<HandlerFailure<never>, { readonly kind: "corrupt" }>;

/** Where a folded stream stands: its state at a version, the chain's last link and the last event's time. */
export interface StreamHead<State> {
  readonly state: State;
  readonly version: number;
  readonly lastHash: string;
  /** The last event's occurredAt ("" for an empty stream): a new event is never stamped earlier (see seal-events). */
  readonly lastOccurredAt: string;
}

export interface LoadedStream<State> extends StreamHead<State> {
  /** Command id -> [first, last] version it appended (one command's events in a stream are one append). */
  readonly commands: ReadonlyMap<string, readonly [number, number]>;
  /** Events already appended by the load's command id (a retried command), in stream order. */
  readonly byCommand: readonly RecordedEvent[];
  /**
   * True when this load read the store, so the state is current as of the load. False when it came from an earlier
   * read (e.g. tails read together at the start of a dispatch): only an append's version check can vouch for it.
   */
  readonly fresh: boolean;
}

export interface LoadOptions {
  /** Also return what this command id already appended to the stream. */
  readonly commandId?: string;
  /** Read the store now, whatever an earlier read left at hand. */
  readonly fresh?: boolean;
}

/**
 * The read side of the application: loads a stream folded through its decider. The command handler and the dispatch
 * context read through this port only; speed machinery (a folded-stream cache, reading several streams in one call)
 * lives behind it, in `createCachedReader`, and a plain `createStoreReader` reads every stream whole.
 */
export interface StreamReader {
  load<C, E, S, Err>(
    streamName: string,
    decider: Decider<C, E, S, Err>,
    serde: EventSerde<E>,
    options?: LoadOptions,
  ): Promise<Either<CorruptFailure, LoadedStream<S>>>;
  /** Told after `commandId` appended to a stream loaded as `before`: the stream now stands at `after`. */
  appended<S>(streamName: string, decider: object, before: LoadedStream<S>, after: StreamHead<S>, commandId: string): void;
  /** Told when the store turned out to be behind what this reader knew of a stream (a rewritten or other store). */
  stale(streamName: string): void;
  /**
   * Hint: these streams are about to be loaded. A reader may read them together now and serve the loads that follow
   * from that read until the stream is written or read fresh. Never fails: anything wrong shows in the loads.
   */
  readAhead(streamNames: readonly string[]): Promise<void>;
  /** A view of this reader for one unit of work (one dispatch), whose read-aheads stay its own. */
  scope(): StreamReader;
}
