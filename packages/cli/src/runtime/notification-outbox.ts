import { outboxFromPages } from "@cloud-ledger/adapters/notification-dispatcher";
import { catchUpReadModels, pendingDeliveries } from "@cloud-ledger/projections";
import type { OutboxSource } from "../commands/notifications.js";

/**
 * The dispatcher's outbox: the persisted outbox rows, caught up before every read, so a long-running `notifications
 * run` sees the executions that end while it runs (a catch-up with nothing new is one read of the log's head).
 */
export const persistedOutbox: OutboxSource = async (context) => {
  const rows = await context.rows();
  return outboxFromPages(async (page) => {
    await catchUpReadModels(context.store, rows);
    return pendingDeliveries(rows, page);
  });
};
