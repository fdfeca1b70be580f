import {
  deliveryJobOf,
  notificationMatches,
  type DeliveryJob,
  type DomainEvent,
  type ExecutionOutcome,
  type JsonValue,
  type NotificationScope,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import type { ExecutionRowValue } from "./executions.js";
import { notificationScopeKey, type NotificationRowEntry } from "./notifications.js";
import { MODEL, projectScope, type RowModel } from "./row-model.js";
import type { RowTransaction } from "../row-transaction.js";

/** The code of a stopped execution's cancellation reason (the reason itself is the ExecutionStopped event's). */
export const STOPPED_CODE = "stopped";

/** Every outbox row sits in this one scope, sorted by the global position of the event that ended the execution. */
export const OUTBOX_SCOPE = "";

async function outcomeOf(tx: RowTransaction, event: DomainEvent, recorded: RecordedEvent): Promise<ExecutionOutcome | undefined> {
  if (event.type !== "ExecutionFinished" && event.type !== "ExecutionStopped") return undefined;
  const d = event.data;
  // Folded after execution-history in the same batch, so the row is there (with its deployment and schedule).
  const execution = await tx.get<ExecutionRowValue>(MODEL.execution, projectScope(d.organization, d.projectKey), d.executionId);
  if (execution === undefined) return undefined;
  const ended =
    event.type === "ExecutionFinished"
      ? { status: event.data.exitCode === 0 ? ("succeeded" as const) : ("failed" as const), cancellationReason: null }
      : { status: "cancelled" as const, cancellationReason: { code: STOPPED_CODE, reason: event.data.reason } };
  return {
    executionId: d.executionId,
    deployment: execution.deployment,
    schedule: execution.schedule,
    eventId: recorded.eventId,
    ...ended,
  };
}

/**
 * The notification outbox: when an execution ends, one DeliveryJob per active notification, of the execution's
 * project or of its organization, whose filters match the outcome (rule 48) as the notifications stand at that
 * point of the log. A notification set, changed or deleted later changes no job already in the outbox.
 */
export const outboxRows: RowModel = {
  name: "notification-outbox",
  async apply(tx, event, recorded) {
    const outcome = await outcomeOf(tx, event, recorded);
    if (outcome === undefined || !("projectKey" in event.data)) return;
    const { organization, projectKey } = event.data;
    const scopes: NotificationScope[] = [{ organization }, { organization, projectKey }];
    for (const scope of scopes) {
      const entries =
        (await tx.get<NotificationRowEntry[]>(MODEL.notifications, "", notificationScopeKey(organization, scope.projectKey))) ?? [];
      for (const [recipient, type, status, filters] of entries) {
        if (status !== "active" || !notificationMatches(filters, { event: "job_run", status: outcome.status })) continue;
        const job: DeliveryJob = deliveryJobOf(outcome, scope, { type, recipient });
        tx.put(MODEL.outbox, OUTBOX_SCOPE, job.idempotencyKey, job as unknown as JsonValue, recorded.globalPosition);
      }
    }
  },
};
