/**
 * The event-store port: the one contract every adapter (memory, SQLite, PostgreSQL, EventStoreDB) implements
 * and the conformance suite checks. Every decision of event-store-notes §2 is settled here, once:
 *
 * 1. Version origin: the first event of a stream has version 1; a stream that does not exist has version 0.
 *    Global positions start at 1 and strictly increase in commit order.
 * 2. Expected version: "any" | "no_stream" | "stream_exists" | an exact version (a number >= 1; 0 means the same as
 *    "no_stream"). A mismatch rejects the whole append with a `WrongExpectedVersionError` carrying stream, expected
 *    and actual version (actual 0 = no stream).
 * 3. Read bounds: `fromVersion` and `toVersion` are inclusive versions; `limit` caps the count. Forwards starts at
 *    `fromVersion` (default 1) and goes up; backwards starts at `fromVersion` (default: the last) and goes down.
 *    `readAll` takes `after` (exclusive global position, default 0) and returns events in ascending position.
 * 4. Global order: `readAll` never returns an event while another with a smaller position may still commit, so a
 *    reader that polls with `after = last position seen` never skips a later-committed event.
 * 5. Atomic batches: all events of one append land or none do.
 * 6. Idempotency: command ids live in each event's metadata; the command handler recognises a retried command.
 * 7. Typed reads: a row that cannot be decoded is reported as a `CorruptEventError` naming stream and version.
 * 8. Multi-stream appends (optional `appendStreams`): several streams in one transaction, all or nothing; each part
 *    is checked against its own expected version, and one mismatch rejects the whole call naming that stream.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export const ANY = "any" as const;
export const NO_STREAM = "no_stream" as const;
export const STREAM_EXISTS = "stream_exists" as const;
export type ExpectedVersion = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | number;

/** Filled by the command handler; every adapter stores and returns it verbatim. */
export interface EventMetadata {
  /** Stable actor key: `github:<user id>` for a person, `system:<name>` for the platform itself. */
  readonly actor: string;
  /** ISO-8601 UTC time from the injected clock. */
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** The id of the command that caused the event (the idempotency key). */
  readonly commandId: string;
}

/** An event ready to append. `hash` is the SHA-256 chain link computed by the command handler. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
  readonly metadata: EventMetadata;
  readonly hash: string;
}

export interface RecordedEvent extends NewEvent {
  readonly streamName: string;
  readonly version: number;
  readonly globalPosition: number;
}

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append (unchanged for an empty append). */
  readonly nextExpectedVersion: number;
  /** Global positions of the first and last appended event; absent for an empty append. */
  readonly positions?: { readonly first: number; readonly last: number };
}

export interface ReadStreamOptions {
  readonly direction?: "forwards" | "backwards";
  readonly fromVersion?: number;
  readonly toVersion?: number;
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events with a greater global position. Default 0. */
  readonly after?: number;
  readonly limit?: number;
}

/** One stream's tail in a multi-stream read: the events with a version >= `fromVersion` (1 = the whole stream). */
export interface StreamTailRequest {
  readonly streamName: string;
  readonly fromVersion: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

export interface EventStore {
  /** A short name used in test names and errors: "memory", "sqlite", "postgres", "eventstoredb". */
  readonly name: string;
  append(streamName: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** A missing stream reads as an empty array, never an error. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /**
   * Optional: the tails of several streams in one read (one round trip and one snapshot on a server store). Result i
   * equals `readStream(requests[i].streamName, { fromVersion: requests[i].fromVersion })`. Callers fall back to
   * `readStream` per stream when a store does not have it.
   */
  readStreams?(requests: readonly StreamTailRequest[]): Promise<readonly (readonly RecordedEvent[])[]>;
  /**
   * Optional: appends to several streams in one transaction, all or nothing. Part i is checked against its expected
   * version as the parts before it in this call left its stream (a stream may appear more than once), as if the parts
   * were appended one after another; if any part's check fails, nothing is written and the call rejects with that
   * part's `WrongExpectedVersionError`. Events get increasing global positions in the order given, and result i is
   * part i's `AppendResult`. Absent on stores without multi-stream transactions (EventStoreDB): callers then append
   * stream by stream and must repair an interrupted sequence themselves.
   */
  appendStreams?(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;
  /** 0 when the stream does not exist. */
  streamVersion(streamName: string): Promise<number>;
  /** The greatest global position a reader may safely read up to now (0 for an empty store). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  override readonly name = "WrongExpectedVersionError";
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Wrong expected version for stream '${streamName}': expected ${String(expected)}, actual ${actual}`);
  }
}

export class CorruptEventError extends Error {
  override readonly name = "CorruptEventError";
  constructor(
    readonly streamName: string,
    readonly version: number,
    readonly reason: string,
  ) {
    super(`Corrupt event at stream '${streamName}' version ${version}: ${reason}`);
  }
}
