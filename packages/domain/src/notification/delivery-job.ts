/**
 * What the notification outbox hands the dispatcher: one delivery of one execution outcome to one recipient.
 * Shared contract between the notifications domain (which decides what to deliver) and the dispatcher (which
 * delivers it). Keep this file byte-identical in both branches.
 */
export type NotificationOutcome = "succeeded" | "failed" | "cancelled";

export interface NotificationScope {
  readonly organization: string;
  /** Absent for an organization-scoped notification. */
  readonly projectKey?: string;
}

/** The JSON body posted to a webhook / rendered into an email (Meltano Cloud's "Event payload"). */
export interface NotificationPayload {
  readonly id: string;
  readonly event_type: "job_run";
  readonly idempotency_key: string;
  readonly data: {
    readonly id: string;
    readonly description: string;
    readonly status: NotificationOutcome;
    readonly cancellation_reason: { readonly code: string; readonly reason: string } | null;
  };
}

export interface DeliveryJob {
  /** sha256 hex of `${executionId}\n${organization}\n${projectKey ?? ""}\n${recipient}`: one per execution and recipient. */
  readonly idempotencyKey: string;
  readonly scope: NotificationScope;
  readonly type: "webhook" | "email";
  readonly recipient: string;
  readonly executionId: string;
  readonly payload: NotificationPayload;
}
