import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { CorruptEventError, type EventStore, type RecordedEvent } from "../ports/event-store.js";
import { GENESIS_HASH } from "../integrity/hash-chain.js";
import type { EventSerde, HandlerFailure } from "./command-handler.types.js";

export interface LoadedStream<State> {
  readonly state: State;
  /** 0 when the stream does not exist. */
  readonly version: number;
  /** The last event's chain link, or GENESIS_HASH for an empty stream. */
  readonly lastHash: string;
  /** Events already appended by the given command id (a retried command), in stream order. */
  readonly byCommand: readonly RecordedEvent[];
}

export type CorruptFailure = Extract<HandlerFailure<never>, { readonly kind: "corrupt" }>;

/** Reads a whole stream and folds it through the decider; an event that does not decode is reported at its version. */
export async function loadStream<Command, Event, State, Err>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State, Err>,
  serde: EventSerde<Event>,
  commandId?: string,
): Promise<Either<CorruptFailure, LoadedStream<State>>> {
  let recorded: readonly RecordedEvent[];
  try {
    recorded = await store.readStream(streamName);
  } catch (error) {
    if (error instanceof CorruptEventError || (error instanceof Error && error.name === "CorruptEventError")) {
      const corrupt = error as CorruptEventError;
      return left({ kind: "corrupt", streamName, version: corrupt.version, message: corrupt.message });
    }
    throw error;
  }
  let state = decider.initialState();
  let byCommand: RecordedEvent[] | undefined;
  for (const event of recorded) {
    const decoded = serde.decode(event);
    if (decoded._tag === "Left") {
      return left({ kind: "corrupt", streamName, version: event.version, message: decoded.left });
    }
    state = decider.evolve(state, decoded.right);
    if (commandId !== undefined && event.metadata.commandId === commandId) (byCommand ??= []).push(event);
  }
  const last = recorded[recorded.length - 1];
  return right({ state, version: last?.version ?? 0, lastHash: last?.hash ?? GENESIS_HASH, byCommand: byCommand ?? [] });
}
