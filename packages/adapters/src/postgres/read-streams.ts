import type { StreamTailRequest } from "@cloud-ledger/domain";
import { EVENT_COLUMNS, type EventRow } from "./event-row.js";

/**
 * `readStreams` as ONE statement, hence one round trip and one snapshot: the requests go in as two parallel arrays
 * (names, first versions), numbered by `WITH ORDINALITY`; each request reads its stream's tail through the
 * (stream_name, version) index, and the rows come back ordered by request, then version. A name asked for twice is
 * two requests and gets its rows twice; a missing stream or a version past the end simply has no rows. The store sends
 * the reads of concurrent callers together through one such statement (read-queue.ts).
 */
export function readStreamsStatement(t: (table: string) => string): string {
  return `
    SELECT r.ord, e.*
    FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(name, from_version, ord)
    CROSS JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")}
      WHERE stream_name = r.name AND version >= r.from_version
    ) AS e
    ORDER BY r.ord, e.version`;
}

interface TailRow extends EventRow {
  /** 1-based index of the request the row answers. */
  readonly ord: string;
}

export function readStreamsParameters(requests: readonly StreamTailRequest[]): unknown[] {
  return [requests.map((r) => r.streamName), requests.map((r) => r.fromVersion)];
}

export type { TailRow };
