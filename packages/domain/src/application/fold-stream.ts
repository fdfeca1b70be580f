import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { CorruptEventError, type EventStore, type RecordedEvent } from "../ports/event-store.js";
import { GENESIS_HASH } from "../integrity/hash-chain.js";
import type { EventSerde } from "./command-handler.types.js";
import type { CorruptFailure, LoadedStream, StreamHead } from "./stream-reader.js";

/**
 * A stream's events from `fromVersion` on, as a store returned them a moment ago (e.g. from one multi-stream read at
 * the start of a dispatch). A fold may use it instead of reading the store, as it would the result of its own read.
 */
export interface StreamTail {
  readonly fromVersion: number;
  readonly events: readonly RecordedEvent[];
}

/** A folded stream as a reader keeps it: the head, and which command ids wrote which versions. */
export interface FoldedStream<State> extends StreamHead<State> {
  /** Extended in place by later folds, so that a fold costs the new events only. */
  readonly commands: Map<string, readonly [number, number]>;
}

export interface Folded<State> {
  readonly entry: FoldedStream<State>;
  readonly byCommand: readonly RecordedEvent[];
  /** False when a tail stood in for the store read. */
  readonly fresh: boolean;
}

function corruptFrom(error: unknown, streamName: string): CorruptFailure | undefined {
  if (error instanceof CorruptEventError || (error instanceof Error && error.name === "CorruptEventError")) {
    const corrupt = error as CorruptEventError;
    return { kind: "corrupt", streamName, version: corrupt.version, message: corrupt.message };
  }
  return undefined;
}

async function read(
  store: EventStore,
  streamName: string,
  fromVersion?: number,
  toVersion?: number,
): Promise<Either<CorruptFailure, readonly RecordedEvent[]>> {
  try {
    const options = { ...(fromVersion === undefined ? {} : { fromVersion }), ...(toVersion === undefined ? {} : { toVersion }) };
    return right(await store.readStream(streamName, options));
  } catch (error) {
    const corrupt = corruptFrom(error, streamName);
    if (corrupt === undefined) throw error;
    return left(corrupt);
  }
}

/** The part of a tail after `version`, when the tail covers everything from there on; otherwise undefined. */
function tailAfter(tail: StreamTail | undefined, version: number): readonly RecordedEvent[] | undefined {
  if (tail === undefined || tail.fromVersion > version + 1) return undefined;
  const events = tail.events;
  let start = 0;
  while (start < events.length && events[start]!.version <= version) start += 1;
  return start === 0 ? events : events.slice(start);
}

/**
 * Reads a stream (after `known`, when given) and folds it through the decider; an event that does not decode is
 * reported at its version. With a command id, also returns what that command already appended. A `tail` that covers
 * the known version stands in for the read. `known` is returned unchanged when nothing new was read.
 */
export async function foldStream<Command, Event, State, Err>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State, Err>,
  serde: EventSerde<Event>,
  commandId: string | undefined,
  known: FoldedStream<State> | undefined,
  tail?: StreamTail,
): Promise<Either<CorruptFailure, Folded<State>>> {
  let cached = known;
  const fromTail = tailAfter(tail, cached?.version ?? 0);
  let recorded: Either<CorruptFailure, readonly RecordedEvent[]> =
    fromTail === undefined ? await read(store, streamName, cached === undefined ? undefined : cached.version + 1) : right(fromTail);
  if (recorded._tag === "Left") return recorded;
  if (cached !== undefined && recorded.right.length > 0 && recorded.right[0]?.version !== cached.version + 1) {
    // The store does not continue where the known fold stopped: trust the store and fold from the start.
    cached = undefined;
    recorded = await read(store, streamName);
    if (recorded._tag === "Left") return recorded;
  }
  let state = cached?.state ?? decider.initialState();
  let lastHash = cached?.lastHash ?? GENESIS_HASH;
  let lastOccurredAt = cached?.lastOccurredAt ?? "";
  let version = cached?.version ?? 0;
  // Extended in place: re-reading the same events after a failed load sets the same ranges again.
  const commands = cached?.commands ?? new Map<string, readonly [number, number]>();
  for (const event of recorded.right) {
    const decoded = serde.decode(event);
    if (decoded._tag === "Left") return left({ kind: "corrupt", streamName, version: event.version, message: decoded.left });
    state = decider.evolve(state, decoded.right);
    const range = commands.get(event.metadata.commandId);
    commands.set(event.metadata.commandId, range === undefined ? [event.version, event.version] : [range[0], event.version]);
    lastHash = event.hash;
    lastOccurredAt = event.metadata.occurredAt;
    version = event.version;
  }
  const entry: FoldedStream<State> =
    cached !== undefined && recorded.right.length === 0 ? cached : { state, version, lastHash, lastOccurredAt, commands };

  let byCommand: readonly RecordedEvent[] = [];
  const range = commandId === undefined ? undefined : commands.get(commandId);
  if (range !== undefined) {
    const already = recorded.right.filter((e) => e.version >= range[0] && e.version <= range[1]);
    if (already.length === range[1] - range[0] + 1) byCommand = already;
    else {
      const reread = await read(store, streamName, range[0], range[1]);
      if (reread._tag === "Left") return reread;
      byCommand = reread.right;
    }
  }
  return right({ entry, byCommand, fresh: fromTail === undefined });
}

/** What a reader returns for a fold. */
export function loadedFrom<State>(folded: Folded<State>): LoadedStream<State> {
  const { entry, byCommand, fresh } = folded;
  const { state, version, lastHash, lastOccurredAt, commands } = entry;
  return { state, version, lastHash, lastOccurredAt, commands, byCommand, fresh };
}
