import { planAppends, type AppendUnit, type UnitOutcome } from "../append-plan/index.js";
import { batchOutcomes, batchRows, columnParameters } from "./batch-append.js";

/**
 * A group commit's batch as ONE statement (one round trip, its own implicit transaction) instead of BEGIN, lock,
 * write, COMMIT (batch-append.ts). A command decides on a stream at a version it read and appends expecting exactly
 * that version, so a batch of command appends claims each stream's current version already: the batch is planned
 * on those claimed versions, and the statement writes only if every claim holds. Each written stream's UPDATE checks
 * `version = claimed` (a concurrent writer's commit is re-checked after the row lock wait, READ COMMITTED), a claimed
 * missing stream is INSERTed with ON CONFLICT DO NOTHING, and cl_head moves only when every stream row did; otherwise
 * the events get no global position and their INSERT fails on the NOT NULL constraint, which rolls the whole statement
 * back (a data-modifying CTE cannot be undone any other way). The caller then writes the batch the locking way, which
 * gives each unit the outcome the real versions decide: a unit's outcome never depends on which path wrote it.
 *
 * A stream that only parts without events name (a version check, e.g. the other stream of a two-stream command that
 * decided nothing there) is locked FOR UPDATE and compared, as the locking path does; a claimed missing one must still
 * be missing. Taken only when that is sure to be exact: every stream's first part in the batch names its version (a
 * number or no_stream) and every unit plans as accepted (a refused unit's error names versions that only the locks
 * can vouch for).
 */
export function claimedWriteStatement(t: (table: string) => string): string {
  return `
    WITH
    updated AS (
      UPDATE ${t("cl_streams")} AS s SET version = u.version
      FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS u(stream_name, claimed, version)
      WHERE s.stream_name = u.stream_name AND s.version = u.claimed
      RETURNING 1
    ),
    created AS (
      INSERT INTO ${t("cl_streams")} (stream_name, version)
      SELECT * FROM unnest($4::text[], $5::bigint[]) ORDER BY 1
      ON CONFLICT (stream_name) DO NOTHING
      RETURNING 1
    ),
    checked AS (
      SELECT stream_name, version FROM ${t("cl_streams")} WHERE stream_name = ANY($16::text[]) ORDER BY stream_name FOR UPDATE
    ),
    head AS (
      UPDATE ${t("cl_head")} SET position = position + $7::bigint
      WHERE id AND (SELECT count(*) FROM updated) + (SELECT count(*) FROM created) = $6::bigint
        AND NOT EXISTS (
          SELECT 1 FROM unnest($16::text[], $17::bigint[]) AS k(stream_name, claimed)
          LEFT JOIN checked AS c USING (stream_name)
          WHERE coalesce(c.version, 0) <> k.claimed
        )
      RETURNING position - $7::bigint AS base
    ),
    inserted AS (
      INSERT INTO ${t("cl_events")}
        (global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash)
      SELECT (SELECT base FROM head) + e.ord, e.stream_name, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.hash
      FROM unnest($8::text[], $9::bigint[], $10::text[], $11::text[], $12::integer[], $13::text[], $14::text[], $15::text[])
        WITH ORDINALITY AS e(stream_name, version, event_id, type, schema_version, data, metadata, hash, ord)
    )
    SELECT (SELECT base FROM head) AS base`;
}

/** Each stream's version as the batch's first part on it claims it, or undefined when some part does not claim one. */
export function claimedVersions(units: readonly AppendUnit[]): Map<string, number> | undefined {
  const claimed = new Map<string, number>();
  for (const unit of units) {
    for (const { streamName, expectedVersion } of unit) {
      if (claimed.has(streamName)) continue;
      if (typeof expectedVersion === "number") claimed.set(streamName, expectedVersion);
      else if (expectedVersion === "no_stream") claimed.set(streamName, 0);
      else return undefined;
    }
  }
  return claimed;
}

/** True for the error the statement raises when a claim did not hold (see claimedWriteStatement). */
export function isUnmetClaim(error: unknown): boolean {
  const { code, column } = (error ?? {}) as { code?: unknown; column?: unknown };
  // 40P01: two batches' stream rows locked in opposite orders; the locking path takes them sorted.
  return (code === "23502" && column === "global_position") || code === "40P01";
}

/**
 * Writes `units` with one statement when their claims allow (see above); undefined when the batch must be written
 * the locking way instead (no claims to plan on, or a claim did not hold: nothing was written).
 */
export async function writeClaimedBatch(
  run: (values: readonly unknown[]) => Promise<readonly { readonly base: string | null }[]>,
  units: readonly AppendUnit[],
): Promise<UnitOutcome[] | undefined> {
  const claimed = claimedVersions(units);
  if (claimed === undefined) return undefined;
  const plans = planAppends(units, (streamName) => claimed.get(streamName) ?? 0);
  if (plans.some((plan) => !plan.ok)) return undefined;
  const rows = batchRows(plans);
  // Only a statement that inserts events fails when a claim does not hold; without any, the locking path checks.
  if (rows.columns.stream.length === 0) return undefined;
  const updated: [string, number, number][] = [];
  const created: [string, number][] = [];
  const checked = [...claimed].filter(([streamName]) => !rows.finalVersions.has(streamName));
  for (const [streamName, version] of rows.finalVersions) {
    const from = claimed.get(streamName) ?? 0;
    if (from === 0) created.push([streamName, version]);
    else updated.push([streamName, from, version]);
  }
  // Sorted, so concurrent batches tend to lock common streams in one order (a deadlock falls back, see isUnmetClaim).
  updated.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let result;
  try {
    result = await run([
      updated.map(([name]) => name),
      updated.map(([, from]) => from),
      updated.map(([, , version]) => version),
      created.map(([name]) => name),
      created.map(([, version]) => version),
      rows.finalVersions.size,
      rows.columns.stream.length,
      ...columnParameters(rows.columns),
      checked.map(([name]) => name),
      checked.map(([, version]) => version),
    ]);
  } catch (error) {
    if (isUnmetClaim(error)) return undefined;
    throw error;
  }
  const base = result[0]?.base;
  // Events without a base fail the statement, so this cannot happen; were it to, the batch is written: never again.
  if (base === null || base === undefined) throw new Error("the batch statement succeeded without a global position");
  return batchOutcomes(plans, rows, Number(base));
}
