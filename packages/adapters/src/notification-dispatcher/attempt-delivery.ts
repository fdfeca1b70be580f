import type { AttemptVerdict, DeliveryJob, MailTransport, WebhookTransport } from "@cloud-ledger/domain";
import { verdictForStatus, DELIVERY_ERROR_LIMIT, flattenForDisplay } from "@cloud-ledger/domain";
import { ATTEMPT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhookBody } from "../webhook/webhook-signature.js";
import { notificationEmail } from "../mail-smtp/notification-email.js";

/** One attempt's result, ready to record. */
export interface AttemptResult {
  readonly verdict: AttemptVerdict;
  readonly statusCode?: number;
  /** Why it failed, bounded and safe to store (no NUL, no lone surrogates, not blank). */
  readonly error?: string;
}

/** Stores refuse NUL and lone surrogates, and a receiver's body is arbitrary bytes: keep a short, clean excerpt. */
export function storableError(text: string): string {
  const excerpt = flattenForDisplay(text, DELIVERY_ERROR_LIMIT);
  return excerpt === "" ? "no detail" : excerpt;
}

export interface AttemptPorts {
  readonly webhook: WebhookTransport;
  readonly mail: MailTransport;
  readonly signingSecret: (job: DeliveryJob) => Promise<string | undefined>;
  readonly nowSeconds: () => number;
  readonly requestTimeoutMs: number;
  readonly userAgent: string;
}

/** Sends one attempt of a job: the webhook POST (signed) or the email. Never throws for the receiver's sake. */
export async function attemptDelivery(job: DeliveryJob, attempt: number, ports: AttemptPorts): Promise<AttemptResult> {
  if (job.type === "email") {
    const sent = await ports.mail.send(notificationEmail(job));
    if (sent.kind === "sent") return { verdict: "delivered" };
    return { verdict: sent.permanent ? "give-up" : "retry", error: storableError(`mail: ${sent.message}`) };
  }
  const secret = await ports.signingSecret(job);
  // The secret is written to the vault just after the recipient's event: a moment later it may be there.
  if (secret === undefined) return { verdict: "retry", error: "no signing secret is stored for this recipient" };
  const body = JSON.stringify(job.payload);
  const response = await ports.webhook.post({
    url: job.recipient,
    body,
    headers: {
      [IDEMPOTENCY_HEADER]: job.idempotencyKey,
      [SIGNATURE_HEADER]: signWebhookBody(body, secret, ports.nowSeconds()),
      [ATTEMPT_HEADER]: String(attempt),
      "user-agent": ports.userAgent,
    },
    timeoutMs: ports.requestTimeoutMs,
  });
  switch (response.kind) {
    case "response": {
      const verdict = verdictForStatus(response.statusCode);
      const statusCode = response.statusCode;
      if (verdict === "delivered") return { verdict, statusCode };
      return { verdict, statusCode, error: storableError(`HTTP ${statusCode}: ${response.bodyExcerpt}`) };
    }
    case "timeout":
      return { verdict: "retry", error: `no response within ${ports.requestTimeoutMs} ms` };
    case "network-error":
      return { verdict: "retry", error: storableError(`network error: ${response.message}`) };
    case "refused":
      return { verdict: "give-up", error: storableError(`not sent: ${response.reason}`) };
  }
}
