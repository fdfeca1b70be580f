import type { EventStore } from "../ports/event-store.js";
import { CorruptEventError } from "../ports/event-store.js";
import { GENESIS_HASH, hashEvent, nobleSha256Hex, type Sha256Hasher } from "./hash-chain.js";
import { createChainTips } from "./chain-tips.js";
import { createEventIdIndex } from "./event-id-index.js";

/**
 * The first thing wrong with a store, located by stream and version:
 * - `hash-mismatch`: the event at `version` is not the one its chain link vouches for (edited, forged or re-linked);
 * - `version-gap`: `version` is missing or out of place (the stream's next event in global order is `found`);
 * - `position-order`: global positions do not strictly increase at this event;
 * - `corrupt`: the store could not decode the event at all;
 * - `duplicate-event-id`: the event reuses the id of the event at `firstPosition` (an id names one event only).
 */
export type StoreFault =
  | {
      readonly kind: "hash-mismatch";
      readonly streamName: string;
      readonly version: number;
      readonly expected: string;
      readonly actual: string;
    }
  | { readonly kind: "version-gap"; readonly streamName: string; readonly version: number; readonly found: number }
  | {
      readonly kind: "position-order";
      readonly streamName: string;
      readonly version: number;
      readonly globalPosition: number;
      readonly previousPosition: number;
    }
  | { readonly kind: "corrupt"; readonly streamName: string; readonly version: number; readonly reason: string }
  | {
      readonly kind: "duplicate-event-id";
      readonly streamName: string;
      readonly version: number;
      readonly eventId: string;
      readonly globalPosition: number;
      readonly firstPosition: number;
    };

export interface VerifyProgress {
  readonly events: number;
  readonly streams: number;
  readonly position: number;
}

export type VerifyStoreResult =
  | { readonly ok: true; readonly events: number; readonly streams: number; readonly position: number }
  | { readonly ok: false; readonly fault: StoreFault; readonly events: number; readonly streams: number };

export interface VerifyStoreOptions {
  /** Called after every page with the counts so far. */
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Events per readAll page; default 1000. */
  readonly pageSize?: number;
  /** The SHA-256 implementation (default: the portable JavaScript one); e.g. `nodeSha256Hex` from `@cloud-ledger/adapters/crypto`. */
  readonly sha256?: Sha256Hasher;
}

/**
 * Replays the whole store in global order and checks every stream's hash chain as it goes, keeping only each
 * stream's last version and hash (memory grows with the number of streams, not events, and is kept compact: see
 * chain-tips.ts), plus every event id (compactly too, see event-id-index.ts: about 32 bytes per event). Deleting a
 * stream's newest events leaves no broken link, so this proves the log untampered up to each stream's last event.
 */
export async function verifyStore(store: Pick<EventStore, "readAll">, options: VerifyStoreOptions = {}): Promise<VerifyStoreResult> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be an integer >= 1");
  const sha256Hex = options.sha256 ?? nobleSha256Hex;
  const tips = createChainTips();
  const ids = createEventIdIndex();
  let events = 0;
  let position = 0;
  const fail = (fault: StoreFault): VerifyStoreResult => ({ ok: false, fault, events, streams: tips.size });

  for (;;) {
    let page;
    try {
      page = await store.readAll({ after: position, limit: pageSize });
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      return fail({ kind: "corrupt", streamName: error.streamName, version: error.version, reason: error.reason });
    }
    if (page.length === 0) return { ok: true, events, streams: tips.size, position };
    for (const event of page) {
      const { streamName, version } = event;
      if (event.globalPosition <= position) {
        return fail({ kind: "position-order", streamName, version, globalPosition: event.globalPosition, previousPosition: position });
      }
      const expectedVersion = tips.version(streamName) + 1;
      if (version !== expectedVersion) return fail({ kind: "version-gap", streamName, version: expectedVersion, found: version });
      const expected = hashEvent(tips.hash(streamName) ?? GENESIS_HASH, event, sha256Hex);
      if (expected !== event.hash) return fail({ kind: "hash-mismatch", streamName, version, expected, actual: event.hash });
      const firstPosition = ids.add(event.eventId, event.globalPosition);
      if (firstPosition !== undefined) {
        return fail({
          kind: "duplicate-event-id",
          streamName,
          version,
          eventId: event.eventId,
          globalPosition: event.globalPosition,
          firstPosition,
        });
      }
      tips.set(streamName, version, expected);
      position = event.globalPosition;
      events += 1;
    }
    options.onProgress?.({ events, streams: tips.size, position });
  }
}
