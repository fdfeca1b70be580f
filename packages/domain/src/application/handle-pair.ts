import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { NO_STREAM, type EventStore, type RecordedEvent, type StreamAppend } from "../ports/event-store.js";
import type {
  CommandEnvelope,
  CommandHandler,
  EventSerde,
  FollowerRequest,
  HandleRequest,
  HandleSuccess,
  HandlerFailure,
  LeadEvent,
} from "./command-handler.types.js";
import {
  isPending,
  isWrongExpectedVersion,
  metadataOf,
  recordedAfterAppend,
  sealEvents,
  type Sealed,
  type SealPorts,
} from "./seal-events.js";
import type { LoadedStream, StreamReader } from "./stream-reader.js";
import { envelopeFor } from "./envelope-for.js";

interface PairDeps {
  readonly store: EventStore;
  /** The handler's own reader; a lead request's `reader` takes precedence (for both streams). */
  readonly reader: StreamReader;
  readonly maxAttempts: number;
  readonly ports: SealPorts;
  readonly handle: CommandHandler["handle"];
}

/** One side of the pair, decided and sealed, ready to append. */
interface Side<State> {
  readonly streamName: string;
  /** The decider the stream was folded by. */
  readonly decider: object;
  readonly loaded: LoadedStream<State>;
  /** Undefined when the stream already holds this command (nothing new is appended to it). */
  readonly sealed: Sealed<State> | undefined;
}

type Decided<State, Err> = Either<HandlerFailure<Err>, Sealed<State> | undefined>;

function decideSide<C, E, S, Err>(
  ports: SealPorts,
  streamName: string,
  decider: Decider<C, E, S, Err>,
  serde: EventSerde<E>,
  envelope: CommandEnvelope<C>,
  loaded: LoadedStream<S>,
): Decided<S, Err> {
  if (loaded.byCommand.length > 0) return right(undefined);
  const decided = decider.decide(envelope.command, loaded.state);
  if (decided._tag === "Left") return left({ kind: "rejected", error: decided.left });
  // Nothing to seal (a credits check that pins the balance's version): no clock read, no metadata.
  if (decided.right.length === 0) return right({ newEvents: [], nextState: loaded.state, lastHash: loaded.lastHash });
  return right(
    sealEvents(ports, streamName, decider, serde, loaded, decided.right, metadataOf(envelope, ports.clock, loaded.lastOccurredAt)),
  );
}

const partOf = <S>(side: Side<S>): StreamAppend => ({
  streamName: side.streamName,
  events: side.sealed?.newEvents ?? [],
  // A side that appends nothing is still checked at the version it was decided on: its decision counts too.
  expectedVersion: side.loaded.version === 0 ? NO_STREAM : side.loaded.version,
});

/**
 * `handlePair` for a store with `appendStreams`: load both streams, decide the lead, derive and decide the follower
 * from the lead's new state, and append both parts in one transaction, each expecting the version it was decided on
 * (a part with no events too, so a decision that wrote nothing still held when the other part landed). A conflict on
 * either part re-decides both on a fresh read. When the lead already holds the command id (a retry, or a command cut
 * short between the streams by a store without multi-stream appends), only the follower is decided, alone: that is
 * the repair of such an interrupted write.
 */
export function createPairHandler(deps: PairDeps): NonNullable<CommandHandler["handlePair"]> {
  const { store, maxAttempts, ports, handle } = deps;
  const appendStreams = store.appendStreams?.bind(store);
  if (appendStreams === undefined) throw new Error(`the ${store.name} store has no appendStreams`);

  return async function handlePair<C1, E1, S1, C2, E2, S2, Err>(
    lead: HandleRequest<C1, E1, S1, Err>,
    follower: FollowerRequest<C2, E2, S2, S1, Err>,
  ): Promise<Either<HandlerFailure<Err>, readonly [HandleSuccess<S1>, HandleSuccess<S2>]>> {
    const followerStream = (state: S1): string =>
      typeof follower.streamName === "string" ? follower.streamName : follower.streamName(state);
    const followerEnvelope = (state: S1, leadEvents: readonly LeadEvent[]): CommandEnvelope<C2> =>
      envelopeFor(lead.envelope, follower.command(state, leadEvents), follower.commandId ?? lead.envelope.commandId);
    const reader = lead.reader ?? deps.reader;
    // The first loads may be served from an earlier read; a retry after a conflict always reads the store.
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const a = await reader.load(lead.streamName, lead.decider, lead.serde, { commandId: lead.envelope.commandId, fresh });
      if (a._tag === "Left") return a;
      if (a.right.byCommand.length > 0) {
        const leadDone: HandleSuccess<S1> = { events: a.right.byCommand, state: a.right.state, version: a.right.version, duplicate: true };
        const envelope = followerEnvelope(a.right.state, a.right.byCommand);
        const { decider, serde } = follower;
        const streamName = followerStream(a.right.state);
        const repaired = await handle({ streamName, decider, serde, envelope, reader });
        return repaired._tag === "Left" ? repaired : right([leadDone, repaired.right] as const);
      }
      const decidedA = decideSide(ports, lead.streamName, lead.decider, lead.serde, lead.envelope, a.right);
      const nextLead = decidedA._tag === "Right" ? (decidedA.right?.nextState ?? a.right.state) : a.right.state;
      const envelopeB = followerEnvelope(nextLead, decidedA._tag === "Right" ? (decidedA.right?.newEvents ?? []) : []);
      const streamB = followerStream(nextLead);
      const b = await reader.load(streamB, follower.decider, follower.serde, { commandId: envelopeB.commandId, fresh });
      if (b._tag === "Left") return b;
      const decidedB =
        decidedA._tag === "Left" ? decidedA : decideSide(ports, streamB, follower.decider, follower.serde, envelopeB, b.right);
      // Decisions on earlier reads (e.g. at the start of the dispatch) are believed only when an append checks them.
      const nothing =
        decidedB._tag === "Left" ||
        (decidedA._tag === "Right" && decidedA.right?.newEvents.length === 0 && decidedB.right?.newEvents.length === 0);
      if (!(a.right.fresh && b.right.fresh) && nothing) {
        fresh = true;
        attempt -= 1;
        continue;
      }
      fresh = true;
      if (decidedA._tag === "Left") return decidedA;
      if (decidedB._tag === "Left") return decidedB;

      const sideA: Side<S1> = { streamName: lead.streamName, decider: lead.decider, loaded: a.right, sealed: decidedA.right };
      const sideB: Side<S2> = { streamName: streamB, decider: follower.decider, loaded: b.right, sealed: decidedB.right };
      let results;
      try {
        results = await appendStreams([partOf(sideA), partOf(sideB)]);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        const { streamName, actual } = error as { readonly streamName?: unknown; readonly actual?: unknown };
        const side = [sideA, sideB].find((s) => s.streamName === streamName);
        // Behind what the reader knew means the reader is wrong (another store, or a rewritten stream).
        if (side !== undefined && (typeof actual !== "number" || actual < side.loaded.version)) reader.stale(side.streamName);
        continue;
      }
      const settledLead = settleSide(store, reader, lead.envelope.commandId, sideA, results[0]?.positions);
      const leadDone = isPending(settledLead) ? await settledLead : settledLead;
      const settledFollower = settleSide(store, reader, envelopeB.commandId, sideB, results[1]?.positions);
      const followerDone = isPending(settledFollower) ? await settledFollower : settledFollower;
      return right([leadDone, followerDone] as const);
    }
    return left({
      kind: "conflict",
      streamName: lead.streamName,
      attempts: maxAttempts,
      message:
        `Stream '${lead.streamName}' or the one that follows it kept changing; ` +
        `the command was re-decided ${maxAttempts} times without an append.`,
    });
  };
}

/**
 * Tells the reader about a side's append and returns its outcome (a duplicate side returns what it held); a value, not
 * a promise, unless the store must be read for the recorded events.
 */
function settleSide<S>(
  store: EventStore,
  reader: StreamReader,
  commandId: string,
  side: Side<S>,
  positions: { readonly first: number; readonly last: number } | undefined,
): HandleSuccess<S> | Promise<HandleSuccess<S>> {
  const { loaded, sealed, streamName } = side;
  if (sealed === undefined) return { events: loaded.byCommand, state: loaded.state, version: loaded.version, duplicate: true };
  if (sealed.newEvents.length === 0) return { events: [], state: loaded.state, version: loaded.version, duplicate: false };
  const version = loaded.version + sealed.newEvents.length;
  const lastOccurredAt = sealed.newEvents[sealed.newEvents.length - 1]?.metadata.occurredAt ?? loaded.lastOccurredAt;
  reader.appended(
    streamName,
    side.decider,
    loaded,
    { state: sealed.nextState, version, lastHash: sealed.lastHash, lastOccurredAt },
    commandId,
  );
  const recorded = recordedAfterAppend(store, streamName, loaded.version, sealed.newEvents, positions);
  const done = (events: readonly RecordedEvent[]): HandleSuccess<S> => ({ events, state: sealed.nextState, version, duplicate: false });
  return isPending(recorded) ? Promise.resolve(recorded).then(done) : done(recorded);
}
