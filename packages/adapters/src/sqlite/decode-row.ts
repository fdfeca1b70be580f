import type { EventMetadata, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import { CorruptEventError } from "@cloud-ledger/domain";

/** The column order every SELECT in this adapter uses. */
export const EVENT_COLUMNS = "position, stream, version, event_id, type, schema_version, data, metadata, hash";
export type EventRow = [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown];

const METADATA_KEYS = ["actor", "occurredAt", "correlationId", "causationId", "commandId"] as const;

function parseJson(text: unknown, what: string, stream: string, version: number): unknown {
  if (typeof text !== "string") throw new CorruptEventError(stream, version, `${what} column is not text`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(stream, version, `${what} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Turns one raw row into a RecordedEvent, checking what the STRICT schema cannot: the JSON columns parse and the
 * metadata has its fields. Anything else is a CorruptEventError naming the stream and version.
 */
export function decodeRow(row: EventRow): RecordedEvent {
  const [position, stream, version, eventId, type, schemaVersion, dataText, metadataText, hash] = row;
  const streamName = typeof stream === "string" ? stream : String(stream);
  const at = typeof version === "number" ? version : -1;
  if (typeof stream !== "string" || typeof version !== "number" || typeof position !== "number") {
    throw new CorruptEventError(streamName, at, "stream, version or position has the wrong type");
  }
  if (typeof eventId !== "string" || typeof type !== "string" || typeof hash !== "string" || typeof schemaVersion !== "number") {
    throw new CorruptEventError(stream, version, "event id, type, schema version or hash has the wrong type");
  }
  const data = parseJson(dataText, "data", stream, version) as JsonValue;
  const metadata = parseJson(metadataText, "metadata", stream, version);
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new CorruptEventError(stream, version, "metadata is not an object");
  }
  for (const key of METADATA_KEYS) {
    if (typeof (metadata as Record<string, unknown>)[key] !== "string") {
      throw new CorruptEventError(stream, version, `metadata.${key} is missing or not a string`);
    }
  }
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
