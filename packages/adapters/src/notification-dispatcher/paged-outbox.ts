import type { DeliveryJob, DeliveryOutbox } from "@cloud-ledger/domain";

/** One page as the outbox read model answers: rows in log order, `next` only while more rows follow. */
export interface OutboxRowsPage {
  readonly rows: readonly { readonly position: number; readonly job: DeliveryJob }[];
  readonly next?: string;
}

/**
 * The dispatcher's outbox port over a paged reader (`pendingDeliveries` of the outbox read model). The reader sets
 * `next` only when more rows follow, but a polling dispatcher must resume after the last row it saw even when that
 * row ended the outbox: the cursor is built from that row (`<position>:<idempotency key>`, the reader's own format).
 */
export function outboxFromPages(
  read: (page: { readonly limit: number; readonly after?: string }) => Promise<OutboxRowsPage>,
): DeliveryOutbox {
  return {
    async pending(after, limit) {
      const page = await read(after === undefined ? { limit } : { limit, after });
      const last = page.rows.at(-1);
      const jobs = page.rows.map((row) => row.job);
      return last === undefined ? { jobs } : { jobs, cursor: `${last.position}:${last.job.idempotencyKey}` };
    },
  };
}
