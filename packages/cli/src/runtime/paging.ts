import { MAX_PAGE_SIZE, type Page, type PageRequest } from "@cloud-ledger/projections";
import type { Output } from "../output/output.js";

/**
 * The first `limit` items of a list after the cursor `after`, asked page by page (at most MAX_PAGE_SIZE per page,
 * like the Meltano Cloud CLI): a `--limit` above 250 still reads only the pages it shows.
 */
export async function firstItems<T>(
  fetch: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  after?: string,
): Promise<{ readonly rows: readonly T[]; readonly next?: string }> {
  const rows: T[] = [];
  let cursor = after;
  for (;;) {
    const want = Math.min(MAX_PAGE_SIZE, limit - rows.length);
    const page = await fetch(cursor === undefined ? { limit: want } : { limit: want, after: cursor });
    rows.push(...page.rows);
    cursor = page.next;
    if (cursor === undefined) return { rows };
    if (rows.length >= limit) return { rows, next: cursor };
  }
}

/** The Meltano Cloud CLI's truncation hint, and where the next page starts. */
export function noticeTruncated(output: Output, next: string | undefined): void {
  if (next === undefined) return;
  output.notice("Output truncated. To print more items, increase the limit using the --limit option.");
  output.notice(`The next page starts after: --after '${next}'`);
}
