import type { EventMetadata, JsonValue, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import { CorruptEventError, newEventProblem } from "@cloud-ledger/domain";

/** One cl_events row as pg returns it (bigint columns arrive as strings). */
export interface EventRow {
  readonly global_position: string;
  readonly stream_name: string;
  readonly version: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

export const EVENT_COLUMNS = "global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash";

function parseJson(text: string, what: string, fail: (reason: string) => CorruptEventError): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw fail(`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Decodes and checks one row; anything that is not a well-formed event becomes a CorruptEventError naming it. */
export function decodeEventRow(row: EventRow): RecordedEvent {
  const version = Number(row.version);
  const fail = (reason: string): CorruptEventError => new CorruptEventError(row.stream_name, version, reason);
  const data = parseJson(row.data, "data", fail) as JsonValue;
  const metadata = parseJson(row.metadata, "metadata", fail) as EventMetadata;
  const event: NewEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data,
    metadata,
    hash: row.hash,
  };
  // data came out of JSON.parse, so it is JSON already; skip walking it (the replay path reads every event) and check
  // the envelope: ids, type, schema version, hash and the metadata's required keys.
  const problem = newEventProblem({ ...event, data: null });
  if (problem !== undefined) throw fail(problem);
  return { streamName: row.stream_name, version, globalPosition: Number(row.global_position), ...event };
}
