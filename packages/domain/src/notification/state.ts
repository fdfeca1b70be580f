import type { NotificationFilter, NotificationStatus, NotificationType } from "./vocabulary.js";

export interface NotificationEntry {
  readonly type: NotificationType;
  readonly status: NotificationStatus;
  readonly filters: readonly NotificationFilter[];
}

/** One scope's notifications (an organization's, or one project's), keyed by recipient (rule 46). */
export interface NotificationScopeState {
  readonly recipients: ReadonlyMap<string, NotificationEntry>;
}
