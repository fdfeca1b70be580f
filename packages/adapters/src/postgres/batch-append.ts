import type { AppendResult, NewEvent } from "@cloud-ledger/domain";
import {
  partResult,
  planAppends,
  streamsOf,
  type AppendUnit,
  type PlannedPart,
  type PlannedUnit,
  type UnitOutcome,
} from "../append-plan/index.js";
import type { Connection } from "./connection.js";

/**
 * Several appends (a group commit's batch, or one multi-stream append) in one transaction:
 *
 * 1. lock the batch's existing stream rows, sorted by name (SELECT ... ORDER BY ... FOR UPDATE locks in that order);
 * 2. plan the units in the client as sequential appends on those versions (each keeps its own check and outcome);
 * 3. one statement: set the locked streams' versions, create the new streams, take the global positions from cl_head
 *    and insert every accepted event.
 *
 * Lock order: every stream lock before the head lock, streams in one fixed order, and a single append (append-sql.ts)
 * takes its one stream, then the head. So nothing waits for a stream while holding the head, and two batches take
 * their common streams in the same order: no deadlock. A stream that was missing at step 1 and created by another
 * writer before step 3 makes the statement come back without a base; the transaction is then rolled back and the
 * batch planned again (BatchRaceError), now seeing that stream's row.
 */
export class BatchRaceError extends Error {
  override readonly name = "BatchRaceError";
  constructor() {
    super("a stream of the batch was created by another writer while the batch was planned");
  }
}

export function lockStreamsStatement(t: (table: string) => string): string {
  return `SELECT stream_name, version FROM ${t("cl_streams")} WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE`;
}

/**
 * $1/$2 names and new versions of locked streams, $3/$4 of new streams, $5 the stream count, $6 the event count, then
 * the events as parallel arrays: stream, version, event_id, type, schema_version, data, metadata, hash ($7..$14).
 */
export function batchWriteStatement(t: (table: string) => string): string {
  return `
    WITH
    updated AS (
      UPDATE ${t("cl_streams")} AS s SET version = u.version
      FROM unnest($1::text[], $2::bigint[]) AS u(stream_name, version)
      WHERE s.stream_name = u.stream_name
      RETURNING 1
    ),
    created AS (
      INSERT INTO ${t("cl_streams")} (stream_name, version)
      SELECT * FROM unnest($3::text[], $4::bigint[]) ORDER BY 1
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING 1
    ),
    head AS (
      UPDATE ${t("cl_head")} SET position = position + $6::bigint
      WHERE id AND (SELECT count(*) FROM updated) + (SELECT count(*) FROM created) = $5::bigint
      RETURNING position - $6::bigint AS base
    ),
    inserted AS (
      INSERT INTO ${t("cl_events")}
        (global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash)
      SELECT (SELECT base FROM head) + e.ord, e.stream_name, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.hash
      FROM unnest($7::text[], $8::bigint[], $9::text[], $10::text[], $11::integer[], $12::text[], $13::text[], $14::text[])
        WITH ORDINALITY AS e(stream_name, version, event_id, type, schema_version, data, metadata, hash, ord)
      WHERE (SELECT base FROM head) IS NOT NULL
    )
    SELECT (SELECT base FROM head) AS base`;
}

export interface Columns {
  readonly stream: string[];
  readonly version: number[];
  readonly eventId: string[];
  readonly type: string[];
  readonly schemaVersion: number[];
  readonly data: string[];
  readonly metadata: string[];
  readonly hash: string[];
}

function addEvents(columns: Columns, part: PlannedPart): void {
  part.events.forEach((event: NewEvent, index) => {
    columns.stream.push(part.streamName);
    columns.version.push(part.current + index + 1);
    columns.eventId.push(event.eventId);
    columns.type.push(event.type);
    columns.schemaVersion.push(event.schemaVersion);
    columns.data.push(JSON.stringify(event.data));
    columns.metadata.push(JSON.stringify(event.metadata));
    columns.hash.push(event.hash);
  });
}

/** What a planned batch writes: every accepted event as columns, each written stream's final version. */
export interface BatchRows {
  readonly columns: Columns;
  readonly finalVersions: ReadonlyMap<string, number>;
  /** The 1-based index of each accepted part's first event in the batch (its position is base + that index). */
  readonly firstIndex: ReadonlyMap<PlannedPart, number>;
}

export function batchRows(plans: readonly PlannedUnit[]): BatchRows {
  const columns: Columns = { stream: [], version: [], eventId: [], type: [], schemaVersion: [], data: [], metadata: [], hash: [] };
  const finalVersions = new Map<string, number>();
  const firstIndex = new Map<PlannedPart, number>();
  for (const plan of plans) {
    if (!plan.ok) continue;
    for (const part of plan.parts) {
      if (part.events.length === 0) continue;
      firstIndex.set(part, columns.stream.length + 1);
      addEvents(columns, part);
      finalVersions.set(part.streamName, part.current + part.events.length);
    }
  }
  return { columns, finalVersions, firstIndex };
}

/** The event columns as the batch statements' last eight parameters. */
export function columnParameters(columns: Columns): unknown[] {
  const { stream, version, eventId, type, schemaVersion, data, metadata, hash } = columns;
  return [stream, version, eventId, type, schemaVersion, data, metadata, hash];
}

/** Each unit's outcome once its batch was written from global position `base` + 1 on. */
export function batchOutcomes(plans: readonly PlannedUnit[], rows: BatchRows, base: number): UnitOutcome[] {
  return plans.map((plan): UnitOutcome => {
    if (!plan.ok) return plan;
    const results: AppendResult[] = plan.parts.map((part) => partResult(part, base + (rows.firstIndex.get(part) ?? 0)));
    return { ok: true, results };
  });
}

/** Steps 1-3 above inside the caller's transaction; throws BatchRaceError when the transaction must be retried. */
export async function writeBatch(
  run: Connection["query"],
  t: (table: string) => string,
  units: readonly AppendUnit[],
): Promise<UnitOutcome[]> {
  const locked = await run<{ stream_name: string; version: string }>(lockStreamsStatement(t), [streamsOf(units)]);
  const versions = new Map(locked.map((row) => [row.stream_name, Number(row.version)]));
  const plans = planAppends(units, (streamName) => versions.get(streamName) ?? 0);

  const rows = batchRows(plans);
  const { columns, finalVersions } = rows;

  let base = 0;
  if (columns.stream.length > 0) {
    const updated = [...finalVersions].filter(([name]) => versions.has(name));
    const created = [...finalVersions].filter(([name]) => !versions.has(name));
    const [row] = await run<{ base: string | null }>(batchWriteStatement(t), [
      updated.map(([name]) => name),
      updated.map(([, version]) => version),
      created.map(([name]) => name),
      created.map(([, version]) => version),
      finalVersions.size,
      columns.stream.length,
      ...columnParameters(columns),
    ]);
    if (row?.base === null || row?.base === undefined) throw new BatchRaceError();
    base = Number(row.base);
  }
  return batchOutcomes(plans, rows, base);
}
