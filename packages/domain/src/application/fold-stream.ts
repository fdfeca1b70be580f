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

const NO_EVENTS: readonly RecordedEvent[] = [];

/** The part of a tail after `version`, when the tail covers everything from there on; otherwise undefined. */
function tailAfter(tail: StreamTail | undefined, version: number): readonly RecordedEvent[] | undefined {
  if (tail === undefined || tail.fromVersion > version + 1) return undefined;
  const events = tail.events;
  let start = 0;
  while (start < events.length && events[start]!.version <= version) start += 1;
  if (start === 0) return events;
  return start === events.length ? NO_EVENTS : events.slice(start);
}

/** Folds `recorded` (the events after `cached`, in order) onto `cached`; `cached` itself when there are none. */
function foldEvents<Command, Event, State, Err>(
  streamName: string,
  decider: Decider<Command, Event, State, Err>,
  serde: EventSerde<Event>,
  cached: FoldedStream<State> | undefined,
  recorded: readonly RecordedEvent[],
): Either<CorruptFailure, FoldedStream<State>> {
  if (cached !== undefined && recorded.length === 0) return right(cached);
  let state = cached?.state ?? decider.initialState();
  let lastHash = cached?.lastHash ?? GENESIS_HASH;
  let lastOccurredAt = cached?.lastOccurredAt ?? "";
  let version = cached?.version ?? 0;
  // Extended in place: re-reading the same events after a failed load sets the same ranges again.
  const commands = cached?.commands ?? new Map<string, readonly [number, number]>();
  for (const event of recorded) {
    const decoded = serde.decode(event);
    if (decoded._tag === "Left") return left({ kind: "corrupt", streamName, version: event.version, message: decoded.left });
    state = decider.evolve(state, decoded.right);
    const range = commands.get(event.metadata.commandId);
    commands.set(event.metadata.commandId, range === undefined ? [event.version, event.version] : [range[0], event.version]);
    lastHash = event.hash;
    lastOccurredAt = event.metadata.occurredAt;
    version = event.version;
  }
  return right({ state, version, lastHash, lastOccurredAt, commands });
}

/** The events `commandId` appended, when all of them are among `recorded`; undefined when some must be read. */
function commandEvents(
  commandId: string | undefined,
  commands: FoldedStream<unknown>["commands"],
  recorded: readonly RecordedEvent[],
): readonly RecordedEvent[] | undefined {
  const range = commandId === undefined ? undefined : commands.get(commandId);
  if (range === undefined) return NO_EVENTS;
  const already = recorded.filter((e) => e.version >= range[0] && e.version <= range[1]);
  return already.length === range[1] - range[0] + 1 ? already : undefined;
}

/**
 * The fold of a stream from `known` and a tail alone, without a store call: undefined when the tail does not cover
 * `known`'s version or does not continue it, or when events of the command id lie before it (`foldStream` reads
 * those). Lets a reader answer a load served from an earlier read synchronously, the common case of a dispatch.
 */
export function foldTail<Command, Event, State, Err>(
  streamName: string,
  decider: Decider<Command, Event, State, Err>,
  serde: EventSerde<Event>,
  commandId: string | undefined,
  known: FoldedStream<State> | undefined,
  tail: StreamTail,
): Either<CorruptFailure, Folded<State>> | undefined {
  const recorded = tailAfter(tail, known?.version ?? 0);
  if (recorded === undefined || (known !== undefined && recorded.length > 0 && recorded[0]!.version !== known.version + 1)) {
    return undefined;
  }
  const folded = foldEvents(streamName, decider, serde, known, recorded);
  if (folded._tag === "Left") return folded;
  const byCommand = commandEvents(commandId, folded.right.commands, recorded);
  return byCommand === undefined ? undefined : right({ entry: folded.right, byCommand, fresh: false });
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
  const folded = foldEvents(streamName, decider, serde, cached, recorded.right);
  if (folded._tag === "Left") return folded;
  const entry = folded.right;
  let byCommand = commandEvents(commandId, entry.commands, recorded.right);
  const range = commandId === undefined ? undefined : entry.commands.get(commandId);
  if (byCommand === undefined && range !== undefined) {
    const reread = await read(store, streamName, range[0], range[1]);
    if (reread._tag === "Left") return reread;
    byCommand = reread.right;
  }
  return right({ entry, byCommand: byCommand ?? NO_EVENTS, fresh: fromTail === undefined });
}

/** What a reader returns for a fold. */
export function loadedFrom<State>(folded: Folded<State>): LoadedStream<State> {
  const { entry, byCommand, fresh } = folded;
  const { state, version, lastHash, lastOccurredAt, commands } = entry;
  return { state, version, lastHash, lastOccurredAt, commands, byCommand, fresh };
}
