import type { EventMetadata, JsonValue, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import { CorruptEventError, newEventProblem } from "@cloud-ledger/domain";
import { versionOfRevision } from "./translate.js";

/**
 * How one event is laid out in EventStoreDB. Data is the event's JSON (content type application/json, so server
 * projections and the UI can read it). Metadata carries `$correlationId` / `$causationId` (with the `$` the server's
 * correlation index reads) and, under `cloudLedger`, everything else the port keeps: our event id (EventStoreDB ids
 * must be UUIDs, so the server id is a fresh UUID per attempt and ours travels here), schema version, hash and the
 * metadata object verbatim, key order included.
 */
export interface EsdbMetadata {
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly cloudLedger: {
    readonly eventId: string;
    readonly schemaVersion: number;
    readonly hash: string;
    readonly metadata: EventMetadata;
    /**
     * The client hands back data it cannot parse as a raw string, which looks exactly like string data; so string
     * data is flagged, and a string where none was written is reported as corrupt.
     */
    readonly dataIsString?: true;
  };
}

/** What `appendToStream` takes for one JSON event (the shape `jsonEvent()` builds). */
export interface EsdbProposedEvent {
  readonly id: string;
  readonly contentType: "application/json";
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: EsdbMetadata;
}

export function toProposedEvent(event: NewEvent, uuid: string): EsdbProposedEvent {
  return {
    id: uuid,
    contentType: "application/json",
    type: event.type,
    data: event.data,
    metadata: {
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
      cloudLedger: {
        eventId: event.eventId,
        schemaVersion: event.schemaVersion,
        hash: event.hash,
        metadata: event.metadata,
        ...(typeof event.data === "string" ? { dataIsString: true as const } : {}),
      },
    },
  };
}

/** The fields of the client's recorded event that decoding needs. */
export interface EsdbRecord {
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: { readonly commit: bigint; readonly prepare: bigint } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Rebuilds the port's event, or throws CorruptEventError naming the stream and version. */
export function fromRecord(record: EsdbRecord): RecordedEvent {
  const version = versionOfRevision(record.revision);
  const fail = (reason: string): CorruptEventError => new CorruptEventError(record.streamId, version, reason);
  if (!record.isJson) throw fail("not a JSON event");
  if (!isRecord(record.metadata)) throw fail("metadata is missing or not a JSON object");
  const envelope = record.metadata["cloudLedger"];
  if (!isRecord(envelope)) throw fail("metadata.cloudLedger is missing: not written by cloud-ledger");
  if ((typeof record.data === "string") !== (envelope["dataIsString"] === true)) throw fail("data is not valid JSON");
  // Servers before 22.6 send no position on stream reads, or 2^64 - 1 ("none"; kurrent-io/KurrentDB-Client-Dotnet#211).
  if (record.position === undefined || record.position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw fail("the server reported no position for it (EventStoreDB 22.6 or later is required)");
  }
  const event: NewEvent = {
    eventId: envelope["eventId"] as string,
    type: record.type,
    schemaVersion: envelope["schemaVersion"] as number,
    data: record.data as JsonValue,
    metadata: envelope["metadata"] as EventMetadata,
    hash: envelope["hash"] as string,
  };
  // data came out of JSON.parse; check the envelope's fields (ids, schema version, hash, required metadata keys).
  const problem = newEventProblem({ ...event, data: null });
  if (problem !== undefined) throw fail(problem);
  return { streamName: record.streamId, version, globalPosition: Number(record.position.commit), ...event };
}
