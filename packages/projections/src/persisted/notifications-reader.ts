import type {
  DeliveryJob,
  NotificationFilter,
  NotificationStatus,
  NotificationType,
  ReadModelRowStore,
  RowCursor,
} from "@cloud-ledger/domain";
import { ReadModelQueryError } from "../read-models/shared/query-error.js";
import type { Page, PageRequest } from "./ledger-reader.js";
import { notificationScopeKey, type NotificationRowEntry } from "./models/notifications.js";
import { OUTBOX_SCOPE } from "./models/outbox.js";
import { MODEL } from "./models/row-model.js";
import { pageLimit, pageOf } from "./paging.js";

export interface NotificationView {
  readonly recipient: string;
  readonly type: NotificationType;
  readonly status: NotificationStatus;
  readonly filters: readonly NotificationFilter[];
}

/**
 * One scope's notifications (the organization's when `projectKey` is undefined), ordered by recipient, a page at a
 * time (rule 54: at most 250). Read the rows after a catch-up (`openLedgerReader` or `catchUpReadModels`).
 */
export async function notificationsOf(
  rows: ReadModelRowStore,
  scope: { readonly organization: string; readonly projectKey?: string },
  page?: PageRequest,
): Promise<Page<NotificationView>> {
  pageLimit(page);
  const entries = ((await rows.get(MODEL.notifications, "", notificationScopeKey(scope.organization, scope.projectKey))) ??
    []) as NotificationRowEntry[];
  const views = entries.map(([recipient, type, status, filters]) => ({ recipient, type, status, filters }));
  return pageOf(views, (view) => [view.recipient], page);
}

/** A delivery job and the global position of the event that ended its execution (the outbox's order). */
export interface OutboxEntry {
  readonly position: number;
  readonly job: DeliveryJob;
}

function outboxCursor(after: string | undefined): RowCursor | undefined {
  if (after === undefined) return undefined;
  const match = /^(\d{1,16}):([0-9a-f]{64})$/.exec(after);
  if (match === null) throw new ReadModelQueryError("after", `'after' must be a cursor a previous page returned, got '${after}'`);
  return { sort: Number(match[1]), key: match[2] as string };
}

/**
 * The notification outbox in log order: every delivery job, oldest first, a page at a time; `next` (when set) is
 * the cursor of the following page. The outbox only grows: a dispatcher keeps its own record of what it delivered
 * and resumes from the cursor it last finished. Read the rows after a catch-up (`catchUpReadModels`).
 */
export async function pendingDeliveries(rows: ReadModelRowStore, page?: PageRequest): Promise<Page<OutboxEntry>> {
  const limit = pageLimit(page);
  const after = outboxCursor(page?.after);
  // One more than asked: tells whether a next page exists without a second read.
  const found = await rows.scan(
    MODEL.outbox,
    OUTBOX_SCOPE,
    after === undefined ? { order: "asc", limit: limit + 1 } : { order: "asc", limit: limit + 1, after },
  );
  const entries = found.slice(0, limit).map((row) => ({ position: row.sort, job: row.value as unknown as DeliveryJob }));
  const last = found[limit - 1];
  return found.length > limit && last !== undefined ? { rows: entries, next: `${last.sort}:${last.key}` } : { rows: entries };
}
