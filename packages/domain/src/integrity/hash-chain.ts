import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { EventMetadata, JsonValue, RecordedEvent } from "../ports/event-store.js";
import { canonicalJson } from "./canonical-json.js";

/** The link before a stream's first event. */
export const GENESIS_HASH = "0".repeat(64);

/** What a link covers: everything that identifies and describes the event except its store-local global position. */
export interface HashableEvent {
  readonly streamName: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
}

/**
 * The hasher port: lowercase hex SHA-256 of the UTF-8 bytes of `text`. The domain stays pure with the JavaScript
 * default; hosts with a native implementation (node:crypto, see `@cloud-ledger/adapters/crypto`) pass theirs in.
 */
export type Sha256Hasher = (text: string) => string;

/** The portable default hasher (@noble/hashes, pure JavaScript). */
export const nobleSha256Hex: Sha256Hasher = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the event and the previous link. */
export function hashEvent(previousHash: string, event: HashableEvent, sha256Hex: Sha256Hasher = nobleSha256Hex): string {
  const { data, metadata } = event;
  if (data === undefined || metadata === undefined) throw new TypeError("event cannot be canonicalized: data and metadata are required");
  // The members in canonical (sorted) order, written out: the same text as canonicalizing the whole object.
  const canonical =
    `{"data":${canonicalJson(data)},"eventId":${canonicalJson(event.eventId)},"metadata":${canonicalJson(metadata)}` +
    `,"previousHash":${canonicalJson(previousHash)},"schemaVersion":${canonicalJson(event.schemaVersion)}` +
    `,"streamName":${canonicalJson(event.streamName)},"type":${canonicalJson(event.type)},"version":${canonicalJson(event.version)}}`;
  return sha256Hex(canonical);
}

export type ChainFault =
  | {
      readonly kind: "hash-mismatch";
      readonly streamName: string;
      readonly version: number;
      readonly expected: string;
      readonly actual: string;
    }
  | { readonly kind: "version-gap"; readonly streamName: string; readonly version: number; readonly expectedVersion: number };

/**
 * Checks one stream's events, in version order, from its first event.
 * Returns the first broken link, or undefined when the whole chain holds.
 */
export function verifyStreamChain(events: Iterable<RecordedEvent>, sha256Hex: Sha256Hasher = nobleSha256Hex): ChainFault | undefined {
  let previous = GENESIS_HASH;
  let expectedVersion = 1;
  for (const event of events) {
    if (event.version !== expectedVersion) {
      return { kind: "version-gap", streamName: event.streamName, version: event.version, expectedVersion };
    }
    const expected = hashEvent(previous, event, sha256Hex);
    if (expected !== event.hash) {
      return { kind: "hash-mismatch", streamName: event.streamName, version: event.version, expected, actual: event.hash };
    }
    previous = event.hash;
    expectedVersion += 1;
  }
  return undefined;
}
