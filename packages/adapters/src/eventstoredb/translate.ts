import type { ExpectedVersion, ReadStreamOptions } from "@cloud-ledger/domain";

/**
 * Pure translations between the port's conventions and EventStoreDB's (no client, no server; unit-tested alone).
 *
 * Version origin: the port numbers a stream's events from 1 and calls a missing stream version 0; EventStoreDB numbers
 * revisions from 0 and reports a missing stream as the string "no_stream". So version = revision + 1.
 */

/** What `appendToStream`'s `expectedRevision` accepts (the client's constants are these same strings). */
export type EsdbExpectedRevision = "any" | "no_stream" | "stream_exists" | bigint;
/** What the client reports as a stream's current revision in a conflict. */
export type EsdbCurrentRevision = "no_stream" | bigint;

export function toExpectedRevision(expected: ExpectedVersion): EsdbExpectedRevision {
  if (typeof expected !== "number") return expected;
  return expected === 0 ? "no_stream" : BigInt(expected - 1);
}

export function versionOfRevision(revision: bigint): number {
  return Number(revision) + 1;
}

export function versionOfCurrentRevision(current: EsdbCurrentRevision | undefined): number | undefined {
  if (current === undefined) return undefined;
  return current === "no_stream" ? 0 : versionOfRevision(current);
}

/** A `readStream` call equivalent to the port's read bounds, plus the filter that enforces what the server cannot. */
export interface StreamReadPlan {
  readonly direction: "forwards" | "backwards";
  /** "start" / "end" or a revision. */
  readonly fromRevision: "start" | "end" | bigint;
  /** Undefined = no cap. */
  readonly maxCount?: number;
  /** Keep events whose version is in [low, high]; stop reading at the first one outside (reads are ordered). */
  readonly low: number;
  readonly high: number;
  /** True when the bounds select nothing, so the server need not be asked. */
  readonly empty: boolean;
}

/**
 * Forwards reads fromVersion (default 1) upwards to toVersion; backwards reads fromVersion (default the last) down
 * to toVersion (default 1); both inclusive; limit caps the count (see the port's header).
 */
export function planStreamRead(options?: ReadStreamOptions): StreamReadPlan {
  const limit = options?.limit;
  if (options?.direction === "backwards") {
    const high = options.fromVersion ?? Number.MAX_SAFE_INTEGER;
    const low = Math.max(options.toVersion ?? 1, 1);
    const span = high - low + 1;
    const maxCount = Math.min(limit ?? span, span);
    return {
      direction: "backwards",
      fromRevision: options.fromVersion === undefined ? "end" : BigInt(Math.max(options.fromVersion - 1, 0)),
      ...(maxCount < Number.MAX_SAFE_INTEGER - 1 ? { maxCount } : {}),
      low,
      high,
      empty: high < low || limit === 0,
    };
  }
  const low = Math.max(options?.fromVersion ?? 1, 1);
  const high = options?.toVersion ?? Number.MAX_SAFE_INTEGER;
  const span = high - low + 1;
  const maxCount = limit === undefined ? span : Math.min(limit, span);
  return {
    direction: "forwards",
    fromRevision: low === 1 ? "start" : BigInt(low - 1),
    ...(maxCount < Number.MAX_SAFE_INTEGER - 1 ? { maxCount } : {}),
    low,
    high,
    empty: high < low || limit === 0,
  };
}

/** Server-owned records in $all: system event types ("$metadata", "$>" links, "$statsCollected", ...) and $-streams. */
export function isSystemRecord(streamId: string, type: string): boolean {
  return type.startsWith("$") || streamId.startsWith("$");
}

/**
 * The port's `after` (exclusive) as a $all read start. Global positions here are EventStoreDB commit positions (byte
 * offsets in the transaction log: increasing in commit order but not 1..n), so `after` must be 0 or a position this
 * store returned (the server rejects a position inside a record); the read starts AT that record and the caller
 * drops it.
 */
export function readAllStart(after: number): "start" | { commit: bigint; prepare: bigint } {
  return after === 0 ? "start" : { commit: BigInt(after), prepare: BigInt(after) };
}
