import type { DeliveryJob, MailMessage } from "@cloud-ledger/domain";
import { flattenForDisplay } from "@cloud-ledger/domain";

/**
 * The email for one delivery job: the description as the subject and the event payload as JSON in the body. The
 * Message-ID is derived from the idempotency key, so every retry of one delivery is the same message to a mail
 * system that deduplicates, and the key is a header of its own for receivers that do not.
 */
export function notificationEmail(job: DeliveryJob, domain = "cloud-ledger.invalid"): MailMessage {
  return {
    to: job.recipient,
    // Control characters (CR/LF above all) never reach a header, whatever a deployment or schedule is called.
    subject: flattenForDisplay(`Meltano Cloud job run ${job.payload.data.status}: ${job.payload.data.description}`, 200),
    text: `${job.payload.data.description}\n\nEvent payload:\n${JSON.stringify(job.payload, null, 2)}\n`,
    headers: { "Message-ID": `<${job.idempotencyKey}@${domain}>`, "X-Idempotency-Key": job.idempotencyKey },
  };
}
