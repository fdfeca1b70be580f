import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import { NO_STREAM, type EventStore } from "../ports/event-store.js";
import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { CommandHandler, HandleRequest, HandleSuccess, HandlerFailure } from "./command-handler.types.js";
import { createPairHandler } from "./handle-pair.js";
import { isPending, isWrongExpectedVersion, metadataOf, recordedAfterAppend, sealEvents } from "./seal-events.js";
import type { StreamReader } from "./stream-reader.js";
import { createCachedReader } from "./cached-reader.js";

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** How many times a command is decided against a fresh read when another writer got there first. Default 5. */
  readonly maxAttempts?: number;
  /**
   * How streams are read, over the same store (default: `createCachedReader(store)`, which keeps folded streams between
   * commands; `createStoreReader(store)` reads every stream whole). A request's own `reader` takes precedence.
   */
  readonly reader?: StreamReader;
  /** The SHA-256 implementation for chain links (default: the portable JavaScript one). Must agree with the verifier's. */
  readonly sha256?: Sha256Hasher;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Load, fold, decide, hash, append — with optimistic concurrency. A conflict means the stream moved between read and
 * append: the command is re-decided against the new state (no sleeping: the other writer has already committed).
 * A command id already present in the stream returns the events it produced the first time and appends nothing.
 */
export function createCommandHandler(options: CommandHandlerOptions): CommandHandler {
  const { store, clock, ids } = options;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const ownReader = options.reader ?? createCachedReader(store);
  const sha256Hex = options.sha256 ?? nobleSha256Hex;
  const ports = { clock, ids, sha256Hex };

  async function handle<Command, Event, State, Err>(
    request: HandleRequest<Command, Event, State, Err>,
  ): Promise<Either<HandlerFailure<Err>, HandleSuccess<State>>> {
    const { streamName, decider, serde, envelope } = request;
    const reader = request.reader ?? ownReader;
    // The first load may be served from an earlier read; a retry after a conflict always reads the store.
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const loaded = await reader.load(streamName, decider, serde, { commandId: envelope.commandId, fresh });
      if (loaded._tag === "Left") return loaded;
      const { state, version, lastHash, lastOccurredAt, byCommand } = loaded.right;
      if (byCommand.length > 0) return right({ events: byCommand, state, version, duplicate: true });

      const decided = decider.decide(envelope.command, state);
      // A state the load did not read now is checked by an append (expected version); a refusal or a no-op would not
      // be, so those are decided again on a fresh read before they are believed.
      const unchecked = decided._tag === "Left" || decided.right.length === 0;
      if (unchecked && !loaded.right.fresh) {
        fresh = true;
        attempt -= 1;
        continue;
      }
      fresh = true;
      if (decided._tag === "Left") return left({ kind: "rejected", error: decided.left });
      if (decided.right.length === 0) return right({ events: [], state, version, duplicate: false });

      const metadata = metadataOf(envelope, clock, lastOccurredAt);
      const from = { state, version, lastHash };
      const sealed = sealEvents(ports, streamName, decider, serde, from, decided.right, metadata);
      const { newEvents, nextState, lastHash: previousHash } = sealed;

      let appended;
      try {
        appended = await store.append(streamName, newEvents, { expectedVersion: version === 0 ? NO_STREAM : version });
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        // Behind what the reader knew means the reader is wrong (another store, or a rewritten stream).
        const actual = (error as { readonly actual?: unknown }).actual;
        if (typeof actual !== "number" || actual < version) reader.stale(streamName);
        continue;
      }
      const head = { state: nextState, version: appended.nextExpectedVersion, lastHash: previousHash, lastOccurredAt: metadata.occurredAt };
      reader.appended(streamName, decider, loaded.right, head, envelope.commandId);
      const recorded = recordedAfterAppend(store, streamName, version, newEvents, appended.positions);
      const events = isPending(recorded) ? await recorded : recorded;
      return right({ events, state: nextState, version: appended.nextExpectedVersion, duplicate: false });
    }
    return left({
      kind: "conflict",
      streamName,
      attempts: maxAttempts,
      message: `Stream '${streamName}' kept changing; the command was re-decided ${maxAttempts} times without an append.`,
    });
  }

  if (store.appendStreams === undefined) return { handle };
  return { handle, handlePair: createPairHandler({ store, reader: ownReader, maxAttempts, ports, handle }) };
}
