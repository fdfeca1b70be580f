import { ReadModelQueryError } from "../read-models/shared/query-error.js";
import type { AuditEntry, AuditQuery } from "../read-models/audit-trail/queries.js";
import type { InternalIdHistoryEntry } from "../read-models/internal-id-index/queries.js";
import { MAX_PAGE_SIZE, type AuditPageQuery, type Page, type PageRequest } from "./ledger-reader.js";

/** The page size of a request: an integer 1..MAX_PAGE_SIZE (default MAX_PAGE_SIZE), else a ReadModelQueryError. */
export function pageLimit(page: PageRequest | undefined): number {
  if (page === undefined) return MAX_PAGE_SIZE;
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_SIZE) {
    throw new ReadModelQueryError("limit", `'limit' must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(page.limit)}`);
  }
  return page.limit;
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function cursorTuple(after: string): readonly string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(after);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string")) {
    throw new ReadModelQueryError("after", `'after' must be a cursor a previous page returned, got '${after}'`);
  }
  return parsed;
}

/**
 * A page of a list sorted by `sortKey` (a tuple compared in code-unit order, unique per item). The cursor is the last
 * item's tuple, so a page boundary survives items added or removed between the calls.
 */
export function pageOf<T>(items: readonly T[], sortKey: (item: T) => readonly string[], page: PageRequest | undefined): Page<T> {
  const limit = pageLimit(page);
  const after = page?.after === undefined ? undefined : cursorTuple(page.after);
  const start = after === undefined ? 0 : items.findIndex((item) => compareTuples(sortKey(item), after) > 0);
  const rest = start < 0 ? [] : items.slice(start);
  const rows = rest.slice(0, limit);
  const last = rows[rows.length - 1];
  return rest.length > limit && last !== undefined ? { rows, next: JSON.stringify(sortKey(last)) } : { rows };
}

/** A page of an entity's internal ids, oldest first: assignment time, then the id itself, orders them uniquely. */
export function internalIdHistoryPage(
  entries: readonly InternalIdHistoryEntry[],
  page: PageRequest | undefined,
): Page<InternalIdHistoryEntry> {
  const key = (e: InternalIdHistoryEntry): readonly string[] => [e.assignedAt, e.internalId];
  return pageOf(
    [...entries].sort((a, b) => compareTuples(key(a), key(b))),
    key,
    page,
  );
}

/**
 * One page of an audit trail: entries are ordered by global position, which is unique, so the last entry's position
 * is the cursor. Asks the trail for one entry more than the page to know whether another page follows.
 */
export async function auditTrailPage(
  trail: (query: AuditQuery) => Promise<readonly AuditEntry[]>,
  query: AuditPageQuery,
  page: PageRequest | undefined,
): Promise<Page<AuditEntry>> {
  const limit = pageLimit(page);
  const after = page?.after;
  let afterPosition: number | undefined;
  if (after !== undefined) {
    afterPosition = /^\d{1,15}$/.test(after) ? Number(after) : Number.NaN;
    if (!Number.isSafeInteger(afterPosition)) {
      throw new ReadModelQueryError("after", `'after' must be a cursor a previous page returned, got '${after}'`);
    }
  }
  const { limit: _none, afterPosition: _cursor, ...filters } = query as AuditQuery;
  const found = await trail({ ...filters, limit: limit + 1, ...(afterPosition === undefined ? {} : { afterPosition }) });
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return found.length > limit && last !== undefined ? { rows, next: String(last.position) } : { rows };
}
