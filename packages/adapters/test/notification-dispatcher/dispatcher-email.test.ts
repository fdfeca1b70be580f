import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { WebhookTransport } from "@cloud-ledger/domain";
import { createFixedClock } from "@cloud-ledger/adapters/clock";
import { createSmtpMailTransport } from "@cloud-ledger/adapters/mail-smtp";
import { createNotificationDispatcher } from "@cloud-ledger/adapters/notification-dispatcher";
import { fakeTimer, jobFor, ledgerWithOrganization, listOutbox, type Ledger } from "./dispatcher-fixture.js";

interface Received {
  readonly to: string[];
  readonly raw: string;
}

/** A real SMTP server on loopback: accepts mail, or answers RCPT with the given SMTP code for addresses on cue. */
async function startSmtp(refuse: ReadonlyMap<string, number>) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address);
      if (code === undefined) return callback();
      return callback(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        // Unfolded headers, and quoted-printable soft line breaks joined: the text as a reader sees it.
        const raw = Buffer.concat(chunks)
          .toString("utf8")
          .replace(/\r\n[ \t]+/g, " ")
          .replace(/=\r\n/g, "");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const noWebhook: WebhookTransport = { post: () => Promise.reject(new Error("no webhooks in this test")) };
let ledger: Ledger;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeEach(async () => {
  ledger = await ledgerWithOrganization();
  smtp = await startSmtp(
    new Map([
      ["nobody@example.com", 550],
      ["later@example.com", 451],
    ]),
  );
});
afterEach(async () => {
  await smtp.close();
});

function dispatcher(jobs: ReturnType<typeof jobFor>[]) {
  const mail = createSmtpMailTransport({ host: "127.0.0.1", port: smtp.port, from: "cloud-ledger@example.com", timeoutMs: 2000 });
  return createNotificationDispatcher({
    outbox: listOutbox(jobs),
    controlPlane: ledger.controlPlane,
    store: ledger.store,
    webhook: noWebhook,
    mail,
    clock: createFixedClock("2026-12-03T12:00:00.000Z"),
    signingSecret: () => Promise.resolve(undefined),
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10 },
    timer: fakeTimer(),
  });
}

describe("email delivery through SMTP (rule L12)", () => {
  it("rule L12: the SMTP server on loopback receives the payload, keyed by the idempotency key, recorded delivered once", async () => {
    const job = jobFor("ops@example.com", "email", 1);
    expect(await dispatcher([job]).drain()).toMatchObject({ delivered: 1, givenUp: 0 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(["ops@example.com"]);
    expect(mail?.raw).toContain(`Message-ID: <${job.idempotencyKey}@cloud-ledger.invalid>`);
    expect(mail?.raw).toContain(`X-Idempotency-Key: ${job.idempotencyKey}`);
    expect(mail?.raw).toContain("Subject: Meltano Cloud job run succeeded: Job run 1 succeeded.");
    expect(mail?.raw).toContain(`"idempotency_key": "${job.idempotencyKey}"`);
    expect((await ledger.events(job)).map((e) => e.type)).toEqual(["DeliveryAttemptStarted", "NotificationDelivered"]);
  });

  it("a 5xx refusal gives up at once; a 4xx is retried until the attempts are spent", async () => {
    const refused = jobFor("nobody@example.com", "email", 2);
    const deferred = jobFor("later@example.com", "email", 3);
    expect(await dispatcher([refused, deferred]).drain()).toMatchObject({ delivered: 0, givenUp: 2, failedAttempts: 1 });
    expect((await ledger.events(refused)).map((e) => e.type)).toEqual([
      "DeliveryAttemptStarted",
      "DeliveryAttemptFailed",
      "DeliveryGivenUp",
    ]);
    expect((await ledger.events(deferred)).filter((e) => e.type === "DeliveryAttemptStarted")).toHaveLength(2);
    expect(smtp.received).toHaveLength(0);
  });
});
