import { canonicalJson as canonicalize, type JsonValue, type RecordedEvent } from "@cloud-ledger/domain";

export const NDJSON_FORMAT = "cloud-ledger-ndjson";
export const NDJSON_VERSION = 1;
export const NDJSON_HEADER = `{"format":"${NDJSON_FORMAT}","version":${NDJSON_VERSION}}`;

/** The fields of one event line, in the order they are written. */
export const EVENT_LINE_KEYS = [
  "streamName",
  "version",
  "globalPosition",
  "eventId",
  "type",
  "schemaVersion",
  "data",
  "metadata",
  "hash",
] as const;

/** A line of the file that is not what the format allows; `line` counts from 1 (the header). */
export class NdjsonFormatError extends Error {
  override readonly name = "NdjsonFormatError";
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`NDJSON line ${line}: ${reason}`);
  }
}

/**
 * The import target cannot take the log: `not-empty` (an import needs an empty store unless told to continue one) or
 * `changed` (the store or the file changed between the check and the write). Nothing was written.
 */
export class ImportTargetError extends Error {
  override readonly name = "ImportTargetError";
  constructor(
    readonly kind: "not-empty" | "changed",
    readonly reason: string,
  ) {
    super(`Cannot import: ${reason}`);
  }
}

/** RFC 8785 canonical JSON (the domain's, which the hash chain uses): sorted keys, shortest round-trip numbers. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value) as string | undefined;
  if (text === undefined) throw new TypeError("value cannot be serialised as JSON");
  return text;
}

/**
 * One event as one line. Envelope keys come in a fixed order and data and metadata in RFC 8785 canonical form
 * (sorted keys, shortest numbers), so the bytes depend only on the event, not on the store it came from
 * (PostgreSQL's jsonb, for one, reorders keys).
 */
export function serializeEvent(event: RecordedEvent): string {
  return (
    `{"streamName":${JSON.stringify(event.streamName)},"version":${event.version},"globalPosition":${event.globalPosition},` +
    `"eventId":${JSON.stringify(event.eventId)},"type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},` +
    `"data":${canonicalJson(event.data)},"metadata":${canonicalJson(event.metadata as unknown as JsonValue)},` +
    `"hash":${JSON.stringify(event.hash)}}`
  );
}
