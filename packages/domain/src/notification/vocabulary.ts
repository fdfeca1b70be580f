import type { NotificationOutcome } from "./delivery-job.js";

/** What a notification delivers by (rule 47): Meltano Cloud's two kinds of recipient. */
export type NotificationType = "webhook" | "email";
export type NotificationStatus = "active" | "inactive";

export const NOTIFICATION_TYPES: readonly NotificationType[] = ["webhook", "email"];
/** The filter vocabulary (rule 47), case-sensitive: Meltano Cloud's `validate_filter_dict`. */
export const NOTIFICATION_EVENTS = ["job_run"] as const;
export const NOTIFICATION_OUTCOMES: readonly NotificationOutcome[] = ["succeeded", "failed", "cancelled"];

export type NotificationEventName = (typeof NOTIFICATION_EVENTS)[number];

/** One filter: every key present must match (AND); a key left out matches anything. */
// A type alias, not an interface: read models store filters as JSON values, which needs the implicit index signature.
export type NotificationFilter = {
  readonly events?: NotificationEventName[];
  readonly status?: NotificationOutcome[];
};
