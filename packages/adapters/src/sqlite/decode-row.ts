import type { EventMetadata, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import { CorruptEventError } from "@cloud-ledger/domain";

/** The column order every SELECT in this adapter uses. */
export const EVENT_COLUMNS = "position, stream, version, event_id, type, schema_version, data, metadata, hash";
export type EventRow = [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown];

function parseJson(text: unknown, what: string, stream: string, version: number): unknown {
  if (typeof text !== "string") throw new CorruptEventError(stream, version, `${what} column is not text`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(stream, version, `${what} is not valid JSON (${(error as Error).message})`);
  }
}

/** The first metadata field (in the port's order) that is absent or not a string; unrolled, as it runs per event. */
function missingMetadataKey(metadata: Record<string, unknown>): string | undefined {
  if (typeof metadata.actor !== "string") return "actor";
  if (typeof metadata.occurredAt !== "string") return "occurredAt";
  if (typeof metadata.correlationId !== "string") return "correlationId";
  if (typeof metadata.causationId !== "string") return "causationId";
  if (typeof metadata.commandId !== "string") return "commandId";
  return undefined;
}

/**
 * Turns one raw row into a RecordedEvent, checking what the STRICT schema cannot: the JSON columns parse and the
 * metadata has its fields. Anything else is a CorruptEventError naming the stream and version.
 */
export function decodeRow(row: EventRow): RecordedEvent {
  // Indexed access rather than destructuring: this runs once per event on the replay path.
  const position = row[0];
  const stream = row[1];
  const version = row[2];
  const eventId = row[3];
  const type = row[4];
  const schemaVersion = row[5];
  const hash = row[8];
  if (typeof stream !== "string" || typeof version !== "number" || typeof position !== "number") {
    throw new CorruptEventError(
      String(stream),
      typeof version === "number" ? version : -1,
      "stream, version or position has the wrong type",
    );
  }
  if (typeof eventId !== "string" || typeof type !== "string" || typeof hash !== "string" || typeof schemaVersion !== "number") {
    throw new CorruptEventError(stream, version, "event id, type, schema version or hash has the wrong type");
  }
  const data = parseJson(row[6], "data", stream, version) as JsonValue;
  const metadata = parseJson(row[7], "metadata", stream, version);
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new CorruptEventError(stream, version, "metadata is not an object");
  }
  const missing = missingMetadataKey(metadata as Record<string, unknown>);
  if (missing !== undefined) throw new CorruptEventError(stream, version, `metadata.${missing} is missing or not a string`);
  return {
    streamName: stream,
    version,
    globalPosition: position,
    eventId,
    type,
    schemaVersion,
    data,
    metadata: metadata as EventMetadata,
    hash,
  };
}

/** Decodes a page of rows in place of a `.map`, keeping the hot loop monomorphic. */
export function decodeRows(rows: readonly EventRow[]): RecordedEvent[] {
  const events = new Array<RecordedEvent>(rows.length);
  for (let index = 0; index < rows.length; index += 1) events[index] = decodeRow(rows[index]!);
  return events;
}
