import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { SecretRef } from "../ports/secret-vault.js";
import type { DeliveryJob, NotificationOutcome, NotificationScope } from "./delivery-job.js";
import type { NotificationType } from "./vocabulary.js";

/** The vault name of a webhook's signing secret: the recipient is hashed, as Meltano Cloud keys a notification. */
export const SIGNING_SECRET_PREFIX = "notification-signing-secret:";

/**
 * Where a webhook's signing secret is kept: the dispatcher reads it with exactly this ref. An organization-scoped
 * notification has no project, so its project key is "".
 */
export function signingSecretRef(scope: NotificationScope, recipient: string, sha256: Sha256Hasher = nobleSha256Hex): SecretRef {
  return { organization: scope.organization, projectKey: scope.projectKey ?? "", name: SIGNING_SECRET_PREFIX + sha256(recipient) };
}

/** One per execution and recipient (the contract's formula), so a dispatcher can deduplicate and receivers too. */
export function deliveryIdempotencyKey(
  executionId: string,
  scope: NotificationScope,
  recipient: string,
  sha256: Sha256Hasher = nobleSha256Hex,
): string {
  return sha256(`${executionId}\n${scope.organization}\n${scope.projectKey ?? ""}\n${recipient}`);
}

/** What ended an execution, as the outbox learns it from the execution's events. */
export interface ExecutionOutcome {
  readonly executionId: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly status: NotificationOutcome;
  readonly cancellationReason: { readonly code: string; readonly reason: string } | null;
  /** The id of the event that ended the execution: the payload's own id. */
  readonly eventId: string;
}

const VERB: Readonly<Record<NotificationOutcome, string>> = { succeeded: "succeeded", failed: "failed", cancelled: "was cancelled" };

export function describeOutcome(outcome: ExecutionOutcome): string {
  return `Job run of schedule '${outcome.schedule}' in deployment '${outcome.deployment}' ${VERB[outcome.status]}.`;
}

/** The delivery of one execution outcome to one recipient of one scope (the payload is Meltano Cloud's "Event payload"). */
export function deliveryJobOf(
  outcome: ExecutionOutcome,
  scope: NotificationScope,
  recipient: { readonly type: NotificationType; readonly recipient: string },
  sha256: Sha256Hasher = nobleSha256Hex,
): DeliveryJob {
  const idempotencyKey = deliveryIdempotencyKey(outcome.executionId, scope, recipient.recipient, sha256);
  return {
    idempotencyKey,
    scope:
      scope.projectKey === undefined
        ? { organization: scope.organization }
        : { organization: scope.organization, projectKey: scope.projectKey },
    type: recipient.type,
    recipient: recipient.recipient,
    executionId: outcome.executionId,
    payload: {
      id: outcome.eventId,
      event_type: "job_run",
      idempotency_key: idempotencyKey,
      data: {
        id: outcome.executionId,
        description: describeOutcome(outcome),
        status: outcome.status,
        cancellation_reason: outcome.cancellationReason,
      },
    },
  };
}
