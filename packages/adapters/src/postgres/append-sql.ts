import type { ExpectedVersion, NewEvent } from "@cloud-ledger/domain";

/**
 * The append as ONE statement (one round trip): check the expected version, bump the stream's version, take the next
 * global positions and insert every event with a single INSERT ... SELECT.
 *
 * Gap-free global reads. Sequence values are handed out before commit, so with a plain sequence a reader could see
 * position 11 committed while 10 is still in flight and skip it forever. We serialise appends instead: every append
 * updates the one row of cl_head (last global position), so its row lock is held from allocation until commit, and the
 * next append reads the head only after the previous one is visible. Positions are therefore allocated in commit
 * order, every snapshot sees a gap-free prefix, and positions stay contiguous (1..n, as in memory and SQLite).
 * The xid8 alternative (filter rows with transaction id < pg_snapshot_xmin) lets writers run in parallel, but
 * transaction ids are taken at a transaction's first write and positions later, so xid order and position order can
 * disagree and a reader paging by position could still skip; it would need (xid, position) cursors, which the port's
 * single-number `after` cannot express. The price is throughput of concurrent 1-event appends, since the head lock is
 * held through the commit's fsync and group commit is lost (figures: bench/NOTES.md, "PostgreSQL append statement").
 * Multi-event appends amortise it (one statement, one fsync per batch), and correctness of catch-up readers wins.
 *
 * Row locks, unlike an advisory lock taken in the same statement, are safe here in READ COMMITTED: UPDATE and
 * INSERT ... ON CONFLICT re-read the newest committed row after waiting, whereas a plain SELECT in the statement would
 * still use the snapshot taken before the wait. Locks are always taken stream row first, head row second (head's
 * WHERE needs the stream CTE's result), so two appends cannot deadlock.
 *
 * Parameters: $1 stream, $2 mode ('any' | 'no_stream' | 'stream_exists' | 'exact'), $3 count, $4 exact version, then
 * the events (see eventRows). Returns one row: version and base are NULL when the expected version did not match
 * (nothing was written); the caller then reads the actual version.
 *
 * Speed (the measurements behind each choice: bench/NOTES.md, "PostgreSQL append statement"): the store runs this as
 * a named prepared statement (connection.ts), so the server parses and plans it once per connection. Stream version
 * and base position come in as scalar subqueries (each run once) rather than a join with the head and stream CTEs,
 * which made the planner copy every event row into a Materialize node first. Nothing is RETURNING-ed from the insert:
 * a data-modifying CTE runs to completion anyway. Batches of up to MAX_VALUES_ROWS events bind one parameter per
 * field (eventRows): text parameters need no escaping by pg nor parsing by array_in, which saves client CPU.
 * Several writers are bound by the head row, locked through each commit's fsync; a store therefore sends the appends
 * that arrive while one is in
 * flight as one batch (batch-append.ts: every stream lock first, in a fixed order, then the head), and this one
 * statement is the path of an append that finds the store idle.
 */
export function appendStatement(t: (table: string) => string, rows: number | "arrays"): string {
  return `
    WITH
    bumped AS (
      UPDATE ${t("cl_streams")} SET version = version + $3::bigint
      WHERE stream_name = $1::text
        AND ($2::text = 'stream_exists' OR ($2::text = 'exact' AND version = $4::bigint))
      RETURNING version
    ),
    created AS (
      INSERT INTO ${t("cl_streams")} AS s (stream_name, version)
      SELECT $1::text, $3::bigint WHERE $2::text IN ('any', 'no_stream')
      ON CONFLICT (stream_name) DO UPDATE SET version = s.version + $3::bigint WHERE $2::text = 'any'
      RETURNING version
    ),
    stream AS (SELECT version FROM bumped UNION ALL SELECT version FROM created),
    head AS (
      UPDATE ${t("cl_head")} SET position = position + $3::bigint
      WHERE id AND EXISTS (SELECT 1 FROM stream)
      RETURNING position - $3::bigint AS base
    ),
    inserted AS (
      INSERT INTO ${t("cl_events")}
        (global_position, stream_name, version, event_id, type, schema_version, data, metadata, hash)
      SELECT (SELECT base FROM head) + e.ord, $1::text, (SELECT version FROM stream) - $3::bigint + e.ord,
             e.event_id, e.type, e.schema_version, e.data, e.metadata, e.hash
      FROM ${eventRows(rows)}
      WHERE (SELECT base FROM head) IS NOT NULL AND e.ord <= $3::bigint
    )
    SELECT (SELECT version FROM stream) AS version, (SELECT base FROM head) AS base`;
}

/** Batches up to this size bind one parameter per field; larger ones bind six arrays (PostgreSQL allows 65,535 parameters). */
export const MAX_VALUES_ROWS = 128;

/**
 * How a batch of `count` events is bound: a VALUES list with room for the next power of two of rows (so a connection
 * prepares at most 8 such statements; the spare rows are NULL and cut off by `ord <= count`), or, above
 * MAX_VALUES_ROWS, parallel arrays unnested in one go.
 */
export function rowsFor(count: number): number | "arrays" {
  if (count > MAX_VALUES_ROWS) return "arrays";
  let rows = 1;
  while (rows < count) rows *= 2;
  return rows;
}

/** The event rows e(ord, event_id, type, schema_version, data, metadata, hash), from parameter $5 on. */
function eventRows(rows: number | "arrays"): string {
  if (rows === "arrays") {
    return `unnest($5::text[], $6::text[], $7::integer[], $8::text[], $9::text[], $10::text[])
             WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)`;
  }
  const values: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const p = 5 + row * 6;
    values.push(`(${row + 1}, $${p}::text, $${p + 1}::text, $${p + 2}::integer, $${p + 3}::text, $${p + 4}::text, $${p + 5}::text)`);
  }
  return `(VALUES ${values.join(", ")}) AS e(ord, event_id, type, schema_version, data, metadata, hash)`;
}

export interface AppendRow {
  readonly version: string | null;
  readonly base: string | null;
}

type Mode = "any" | "no_stream" | "stream_exists" | "exact";

/** The parameters of appendStatement(t, rows); `expectedVersion` 0 means no stream, as the port says. */
export function appendParameters(
  streamName: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
  rows: number | "arrays",
): unknown[] {
  const mode: Mode = typeof expected === "number" ? (expected === 0 ? "no_stream" : "exact") : expected;
  const head = [streamName, mode, events.length, typeof expected === "number" && expected > 0 ? expected : null];
  if (rows === "arrays") {
    return [
      ...head,
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
      events.map((e) => e.hash),
    ];
  }
  const values: unknown[] = head;
  for (const e of events) values.push(e.eventId, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash);
  for (let spare = events.length; spare < rows; spare += 1) values.push(null, null, null, null, null, null);
  return values;
}
