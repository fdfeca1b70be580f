import type { AppendOptions, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StreamAppend } from "../ports/event-store.js";
import { WrongExpectedVersionError } from "../ports/event-store.js";
import { jsonProblem, textProblem } from "./json-value-guard.js";

/**
 * The input rules every event-store adapter enforces before it writes anything, so that all stores accept and
 * reject exactly the same appends (PostgreSQL cannot store NUL or lone surrogates, JSON cannot carry undefined,
 * NaN or class instances, and a silent loss there would break the hash chain).
 */

export const MAX_STREAM_NAME_LENGTH = 500;
export const MAX_IDENTIFIER_LENGTH = 200;
// Checked as length 64 + /^[0-9a-f]+$/: the same strings as /^[0-9a-f]{64}$/, and about twice as fast in V8, whose
// regex engine handles the counted repetition slower than a plain one (this runs once per appended event).
const HASH_LENGTH = 64;
const LOWER_HEX = /^[0-9a-f]+$/;
const METADATA_KEYS = ["actor", "occurredAt", "correlationId", "causationId", "commandId"] as const;

/** An append that breaks the port's input rules; nothing was written. `index` is the offending event's position in the batch. */
export class InvalidEventError extends Error {
  override readonly name = "InvalidEventError";
  constructor(
    readonly streamName: string,
    readonly index: number | undefined,
    readonly reason: string,
  ) {
    super(
      index === undefined
        ? `Invalid append to stream '${streamName}': ${reason}`
        : `Invalid event #${index} for stream '${streamName}': ${reason}`,
    );
  }
}

/** Read options outside the port's rules (negative or fractional bounds, an unknown direction). */
export class InvalidReadOptionsError extends Error {
  override readonly name = "InvalidReadOptionsError";
  constructor(readonly reason: string) {
    super(`Invalid read options: ${reason}`);
  }
}

/** Any call on a store after `close()`. */
export class StoreClosedError extends Error {
  override readonly name = "StoreClosedError";
  constructor(readonly storeName: string) {
    super(`The ${storeName} event store is closed`);
  }
}

export function streamNameProblem(streamName: unknown): string | undefined {
  if (typeof streamName !== "string") return "stream name must be a string";
  if (streamName.length === 0) return "stream name must not be empty";
  if (streamName.length > MAX_STREAM_NAME_LENGTH) return `stream name is longer than ${MAX_STREAM_NAME_LENGTH} characters`;
  return textProblem(streamName, "stream name");
}

export function assertValidStreamName(streamName: string): void {
  const problem = streamNameProblem(streamName);
  if (problem !== undefined) throw new InvalidEventError(String(streamName), undefined, problem);
}

function identifierProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== "string" || value.length === 0) return `${what} must be a non-empty string`;
  if (value.length > MAX_IDENTIFIER_LENGTH) return `${what} is longer than ${MAX_IDENTIFIER_LENGTH} characters`;
  return textProblem(value, what);
}

function metadataProblem(metadata: unknown): string | undefined {
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return "metadata must be an object";
  const record = metadata as Record<string, unknown>;
  for (const key of METADATA_KEYS) {
    if (typeof record[key] !== "string") return `metadata.${key} must be a string`;
  }
  return jsonProblem(metadata, "metadata");
}

/** The first rule a single new event breaks, or undefined. */
export function newEventProblem(event: NewEvent): string | undefined {
  if (typeof event !== "object" || event === null) return "event must be an object";
  return (
    identifierProblem(event.eventId, "eventId") ??
    identifierProblem(event.type, "type") ??
    (Number.isSafeInteger(event.schemaVersion) && event.schemaVersion >= 1 ? undefined : "schemaVersion must be an integer >= 1") ??
    (typeof event.hash === "string" && event.hash.length === HASH_LENGTH && LOWER_HEX.test(event.hash)
      ? undefined
      : "hash must be 64 lowercase hex characters") ??
    metadataProblem(event.metadata) ??
    (event.data === undefined ? "data is missing" : jsonProblem(event.data, "data"))
  );
}

export function expectedVersionProblem(expected: unknown): string | undefined {
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return undefined;
  if (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0) return undefined;
  return (
    `expectedVersion must be "any", "no_stream", "stream_exists" or an integer >= 0, got ` +
    `${JSON.stringify(expected) ?? String(expected)}`
  );
}

/** Throws `InvalidEventError` when the append breaks any input rule; call before touching storage. */
export function assertValidAppend(streamName: string, events: readonly NewEvent[], options: AppendOptions): void {
  assertValidStreamName(streamName);
  if (typeof options !== "object" || options === null) throw new InvalidEventError(streamName, undefined, "append options are required");
  const versionProblem = expectedVersionProblem(options.expectedVersion);
  if (versionProblem !== undefined) throw new InvalidEventError(streamName, undefined, versionProblem);
  const list: unknown = events;
  if (!Array.isArray(list)) throw new InvalidEventError(streamName, undefined, "events must be an array");
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const problem = newEventProblem(event);
    if (problem !== undefined) throw new InvalidEventError(streamName, index, problem);
    if (ids.has(event.eventId)) throw new InvalidEventError(streamName, index, `eventId '${event.eventId}' appears twice in one append`);
    ids.add(event.eventId);
  });
}

/** `assertValidAppend` for every part of a multi-stream append (an empty list is allowed and writes nothing). */
export function assertValidStreamAppends(appends: readonly StreamAppend[]): void {
  const list: unknown = appends;
  if (!Array.isArray(list)) throw new InvalidEventError("(multi-stream append)", undefined, "appends must be an array");
  for (const part of appends) {
    if (typeof part !== "object" || part === null) {
      throw new InvalidEventError("(multi-stream append)", undefined, "each append must be an object");
    }
    assertValidAppend(part.streamName, part.events, { expectedVersion: part.expectedVersion });
  }
}

/** Throws `WrongExpectedVersionError` unless `actual` (0 = no stream) satisfies `expected`. */
export function checkExpectedVersion(streamName: string, expected: ExpectedVersion, actual: number): void {
  const ok =
    expected === "any" ||
    (expected === "no_stream" && actual === 0) ||
    (expected === "stream_exists" && actual > 0) ||
    (typeof expected === "number" && expected === actual);
  if (!ok) throw new WrongExpectedVersionError(streamName, expected, actual);
}

function boundProblem(value: unknown, what: string, min: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= min) return undefined;
  return `${what} must be an integer >= ${min}`;
}

export function assertValidReadStreamOptions(options: ReadStreamOptions | undefined): void {
  if (options === undefined) return;
  const problem =
    (options.direction === undefined || options.direction === "forwards" || options.direction === "backwards"
      ? undefined
      : `direction must be "forwards" or "backwards"`) ??
    boundProblem(options.fromVersion, "fromVersion", 0) ??
    boundProblem(options.toVersion, "toVersion", 0) ??
    boundProblem(options.limit, "limit", 0);
  if (problem !== undefined) throw new InvalidReadOptionsError(problem);
}

export function assertValidReadAllOptions(options: ReadAllOptions | undefined): void {
  if (options === undefined) return;
  const problem = boundProblem(options.after, "after", 0) ?? boundProblem(options.limit, "limit", 0);
  if (problem !== undefined) throw new InvalidReadOptionsError(problem);
}
