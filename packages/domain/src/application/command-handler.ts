import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import { NO_STREAM, type EventMetadata, type EventStore, type NewEvent, type RecordedEvent } from "../ports/event-store.js";
import { hashEvent, nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { CommandHandler, HandleRequest, HandleSuccess, HandlerFailure } from "./command-handler.types.js";
import { loadStream } from "./load-stream.js";
import { createStreamCache, type StreamCache } from "./stream-cache.js";

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** How many times a command is decided against a fresh read when another writer got there first. Default 5. */
  readonly maxAttempts?: number;
  /** Folded streams kept between commands (default: a fresh cache of 10,000 streams); `false` reads every stream whole. */
  readonly cache?: StreamCache | false;
  /** The SHA-256 implementation for chain links (default: the portable JavaScript one). Must agree with the verifier's. */
  readonly sha256?: Sha256Hasher;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

function isWrongExpectedVersion(error: unknown): boolean {
  // By name as well as by class: a bundled copy of the domain in an adapter would carry its own class object.
  return error instanceof Error && error.name === "WrongExpectedVersionError";
}

/**
 * Load, fold, decide, hash, append — with optimistic concurrency. A conflict means the stream moved between read and
 * append: the command is re-decided against the new state (no sleeping: the other writer has already committed).
 * A command id already present in the stream returns the events it produced the first time and appends nothing.
 */
export function createCommandHandler(options: CommandHandlerOptions): CommandHandler {
  const { store, clock, ids } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const cache = options.cache === false ? undefined : (options.cache ?? createStreamCache());
  const sha256Hex = options.sha256 ?? nobleSha256Hex;

  async function handle<Command, Event, State, Err>(
    request: HandleRequest<Command, Event, State, Err>,
  ): Promise<Either<HandlerFailure<Err>, HandleSuccess<State>>> {
    const { streamName, decider, serde, envelope } = request;
    let tail = request.tail;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const loaded = await loadStream(store, streamName, decider, serde, envelope.commandId, cache, tail);
      if (loaded._tag === "Left") return loaded;
      const { state, version, lastHash, lastOccurredAt, byCommand, commands } = loaded.right;
      if (byCommand.length > 0) return right({ events: byCommand, state, version, duplicate: true });

      const decided = decider.decide(envelope.command, state);
      // A state from a tail (or the cache it extends) was not read now. An append checks it (expected version); a
      // refusal or a no-op would not, so those are decided again on a fresh read before they are believed.
      const unchecked = decided._tag === "Left" || decided.right.length === 0;
      if (unchecked && tail !== undefined) {
        tail = undefined;
        attempt -= 1;
        continue;
      }
      tail = undefined;
      if (decided._tag === "Left") return left({ kind: "rejected", error: decided.left });
      if (decided.right.length === 0) return right({ events: [], state, version, duplicate: false });

      const metadata: EventMetadata = {
        actor: envelope.actor,
        occurredAt: notBefore(clock.now(), lastOccurredAt),
        correlationId: envelope.correlationId ?? envelope.commandId,
        causationId: envelope.causationId ?? envelope.commandId,
        commandId: envelope.commandId,
      };
      let previousHash = lastHash;
      let nextState = state;
      const newEvents: NewEvent[] = decided.right.map((event, index) => {
        nextState = decider.evolve(nextState, event);
        const { type, schemaVersion, data } = serde.encode(event);
        const eventId = ids.ulid();
        const hash = hashEvent(previousHash, { streamName, version: version + index + 1, eventId, type, schemaVersion, data, metadata }, sha256Hex);
        previousHash = hash;
        return { eventId, type, schemaVersion, data, metadata, hash };
      });

      let appended;
      try {
        appended = await store.append(streamName, newEvents, { expectedVersion: version === 0 ? NO_STREAM : version });
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // Behind the cache means the cache is wrong (another store, or a rewritten stream): fold from the start.
        const actual = (error as { readonly actual?: unknown }).actual;
        if (typeof actual !== "number" || actual < version) cache?.delete(streamName);
        continue;
      }
      commands.set(envelope.commandId, [version + 1, version + newEvents.length]);
      cache?.set(streamName, decider, {
        state: nextState,
        version: appended.nextExpectedVersion,
        lastHash: previousHash,
        lastOccurredAt: metadata.occurredAt,
        commands,
      });
      const events = await recordedAfterAppend(store, streamName, version, newEvents, appended.positions);
      return right({ events, state: nextState, version: appended.nextExpectedVersion, duplicate: false });
    }
    return left({
      kind: "conflict",
      streamName,
      attempts: maxAttempts,
      message: `Stream '${streamName}' kept changing; the command was re-decided ${maxAttempts} times without an append.`,
    });
  }

  return { handle };
}

/**
 * A stream's clock never runs backwards (the audit checks it): writers whose clocks disagree, or one that read the
 * time before another appended, stamp the previous event's time instead of an earlier one of their own.
 */
function notBefore(now: string, previous: string): string {
  return previous !== "" && Date.parse(now) < Date.parse(previous) ? previous : now;
}

/** The appended events as the store recorded them: positions are contiguous unless other writers interleaved. */
async function recordedAfterAppend(
  store: EventStore,
  streamName: string,
  version: number,
  newEvents: readonly NewEvent[],
  positions: { readonly first: number; readonly last: number } | undefined,
): Promise<readonly RecordedEvent[]> {
  if (positions !== undefined && positions.last - positions.first + 1 === newEvents.length) {
    return newEvents.map((event, index) => ({
      streamName,
      version: version + index + 1,
      globalPosition: positions.first + index,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      hash: event.hash,
    }));
  }
  return store.readStream(streamName, { fromVersion: version + 1, toVersion: version + newEvents.length });
}
