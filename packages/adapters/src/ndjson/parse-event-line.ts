import type { EventMetadata, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import { newEventProblem, streamNameProblem } from "@cloud-ledger/domain";
import { EVENT_LINE_KEYS, NDJSON_FORMAT, NDJSON_VERSION, NdjsonFormatError } from "./ndjson-format.js";

const EXPECTED_KEYS = [...EVENT_LINE_KEYS].sort().join(",");

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NdjsonFormatError(line, `not valid JSON (${(error as Error).message})`);
  }
}

/** Checks the first line names this format and a version this library reads. */
export function parseHeader(text: string | undefined): void {
  if (text === undefined || text.trim() === "")
    throw new NdjsonFormatError(1, "the file is empty or starts with a blank line; expected a header line");
  const header = parseJson(text, 1) as { format?: unknown; version?: unknown } | null;
  if (typeof header !== "object" || header === null || header.format !== NDJSON_FORMAT) {
    throw new NdjsonFormatError(1, `expected the header {"format":"${NDJSON_FORMAT}","version":${NDJSON_VERSION}}`);
  }
  if (header.version !== NDJSON_VERSION) {
    throw new NdjsonFormatError(
      1,
      `unsupported format version ${JSON.stringify(header.version)}; this library reads version ${NDJSON_VERSION}`,
    );
  }
}

const positiveInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 1;

/** One event line, checked against the same rules an append enforces; throws NdjsonFormatError naming the line. */
export function parseEventLine(text: string, line: number): RecordedEvent {
  if (text.length === 0) throw new NdjsonFormatError(line, "empty line");
  const value = parseJson(text, line);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new NdjsonFormatError(line, "an event line must be a JSON object");
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(",");
  if (keys !== EXPECTED_KEYS) throw new NdjsonFormatError(line, `expected exactly the keys ${EVENT_LINE_KEYS.join(", ")}; got ${keys}`);
  const event = {
    streamName: record.streamName as string,
    version: record.version as number,
    globalPosition: record.globalPosition as number,
    eventId: record.eventId as string,
    type: record.type as string,
    schemaVersion: record.schemaVersion as number,
    data: record.data as JsonValue,
    metadata: record.metadata as EventMetadata,
    hash: record.hash as string,
  };
  const problem =
    streamNameProblem(event.streamName) ??
    (positiveInteger(event.version) ? undefined : "version must be an integer >= 1") ??
    (positiveInteger(event.globalPosition) ? undefined : "globalPosition must be an integer >= 1") ??
    newEventProblem(event);
  if (problem !== undefined) throw new NdjsonFormatError(line, problem);
  return event;
}
