import type { DeliveryJob, MailMessage } from "@cloud-ledger/domain";

// Control characters (CR/LF above all) never reach a header, whatever a deployment or schedule is called.
const oneLine = (text: string, limit: number): string => {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: a header line must not carry them.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
};

/**
 * The email for one delivery job: the description as the subject and the event payload as JSON in the body. The
 * Message-ID is derived from the idempotency key, so every retry of one delivery is the same message to a mail
 * system that deduplicates, and the key is a header of its own for receivers that do not.
 */
export function notificationEmail(job: DeliveryJob, domain = "cloud-ledger.invalid"): MailMessage {
  return {
    to: job.recipient,
    subject: oneLine(`Meltano Cloud job run ${job.payload.data.status}: ${job.payload.data.description}`, 200),
    text: `${job.payload.data.description}\n\nEvent payload:\n${JSON.stringify(job.payload, null, 2)}\n`,
    headers: { "Message-ID": `<${job.idempotencyKey}@${domain}>`, "X-Idempotency-Key": job.idempotencyKey },
  };
}
