import type { NotificationFilter, NotificationStatus, NotificationType } from "@cloud-ledger/domain";
import { MODEL, type RowModel } from "./row-model.js";

/** [recipient, type, status, filters], sorted by recipient (code-unit order). */
export type NotificationRowEntry = [string, NotificationType, NotificationStatus, NotificationFilter[]];

/** The row key of a scope: the organization, or `<organization>/<project key>` (as `projectScope`). */
export const notificationScopeKey = (organization: string, projectKey: string | undefined): string =>
  projectKey === undefined ? organization : `${organization}/${projectKey}`;

const byRecipient = (a: NotificationRowEntry, b: NotificationRowEntry): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * One row per scope holding all of its notifications: the outbox reads a whole scope while it folds an execution's
 * end (a batch can only read rows by key), and `config notification list` pages through it.
 */
export const notificationRows: RowModel = {
  name: "notifications",
  async apply(tx, event) {
    if (event.type !== "NotificationSet" && event.type !== "NotificationUpdated" && event.type !== "NotificationDeleted") return;
    const d = event.data;
    const key = notificationScopeKey(d.organization, d.projectKey);
    const entries = (await tx.get<NotificationRowEntry[]>(MODEL.notifications, "", key)) ?? [];
    const current = entries.find((e) => e[0] === d.recipient);
    const rest = entries.filter((e) => e[0] !== d.recipient);
    if (event.type === "NotificationSet") {
      rest.push([d.recipient, event.data.notificationType, current?.[2] ?? "active", event.data.filters]);
    } else if (event.type === "NotificationUpdated" && current !== undefined) {
      const { newRecipient, status } = event.data;
      rest.push([newRecipient ?? current[0], current[1], status ?? current[2], current[3]]);
    }
    if (rest.length === 0) tx.delete(MODEL.notifications, "", key);
    else tx.put(MODEL.notifications, "", key, rest.sort(byRecipient));
  },
};
