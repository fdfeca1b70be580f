import type { CheckpointStore, EventStore, RecordedEvent } from "@cloud-ledger/domain";
import type { LoadOutcome } from "./checkpoint-envelope.js";
import type { PollingOptions } from "./polling.js";
import type { AnyProjection, EventDecoder, Projection } from "./projection.js";

export interface ProjectionRunnerOptions<E> {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly decoder: EventDecoder<E>;
  readonly projections: readonly AnyProjection<E>[];
  /** Events read per `readAll` call. Default 2000. */
  readonly pageSize?: number;
  /** Save a projection's (position, state) once it has this many unsaved events, at a page boundary. Default 10 000. */
  readonly checkpointEvery?: number;
  /**
   * How the interval between saves grows with the log: a save is due once the unsaved events reach
   * `max(checkpointEvery, checkpointGrowth × the position last saved)`. Each save serializes the whole state, which
   * grows with the log, so a fixed interval makes a long catch-up quadratic (a 1 M-event replay would write ~100 ever
   * larger states); a proportional one keeps the total written within `(1 + 1/growth)` times the final state, at the
   * price of re-reading up to that fraction of the log after a crash. Default 0.25; 0 saves every `checkpointEvery`.
   */
  readonly checkpointGrowth?: number;
}

export interface CatchUpReport {
  /** Events read from the store and folded by this call. */
  readonly events: number;
  /** The lowest position over all projections afterwards. */
  readonly position: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  /** What happened to the stored checkpoint when the runner opened. */
  readonly loaded: LoadOutcome;
  readonly unsavedEvents: number;
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export interface ProjectionRunner<E> {
  /** Reads from the lowest checkpoint to the head, folding every page; `flush` (default true) saves at the end. */
  catchUp(options?: { readonly flush?: boolean }): Promise<CatchUpReport>;
  /** Inline mode: folds events just appended (ascending, contiguous positions) or, if there is a gap, catches up. */
  applyAppended(events: readonly RecordedEvent[]): Promise<void>;
  /** Replays the named projection (all when omitted) from position 0 aside, then swaps it in and saves it. */
  rebuild(name?: string): Promise<CatchUpReport>;
  /** Saves every projection that has unsaved events. */
  flush(): Promise<void>;
  /** The live state (updated in place by later catch-ups). */
  stateOf<S>(projection: Projection<S, E>): S;
  /** The lowest position over all projections. */
  position(): number;
  status(): readonly ProjectionStatus[];
  /** Resolves once every projection reflects `position` (default: the store's head now). */
  waitUntilCaughtUp(position?: number, options?: WaitOptions): Promise<number>;
  /** Async mode: polls the store until `stop()`. */
  start(options?: PollingOptions): void;
  /** Stops polling, waits for the in-flight poll, and flushes. */
  stop(): Promise<void>;
  readonly polling: boolean;
}
