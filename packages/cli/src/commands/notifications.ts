import { createHash } from "node:crypto";
import { Option, type Command } from "commander";
import { createControlPlane, type DeliveryJob, type DeliveryOutbox, type MailTransport } from "@cloud-ledger/domain";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createHttpWebhookTransport } from "@cloud-ledger/adapters/webhook";
import { createNotificationDispatcher, type DispatchActivity } from "@cloud-ledger/adapters/notification-dispatcher";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { openCliVault } from "../runtime/cli-vault.js";
import { parsePositiveInteger } from "../runtime/parsers.js";
import { UsageError } from "../runtime/cli-errors.js";

/** Where `notifications run` finds its jobs: the notification outbox read model over the context's store. */
export type OutboxSource = (context: CommandContext) => Promise<DeliveryOutbox>;

interface RunOptions {
  readonly once?: boolean;
  readonly smtpHost?: string;
  readonly smtpPort: number;
  readonly smtpFrom?: string;
  readonly smtpUser?: string;
  readonly smtpSecure?: boolean;
  readonly requestTimeout: number;
  readonly maxAttempts: number;
}

/** The vault ref of a webhook's signing secret, exactly as `config notification set` stores it. */
export function signingSecretName(recipient: string): string {
  return `notification-signing-secret:${createHash("sha256").update(recipient, "utf8").digest("hex")}`;
}

/** The SMTP password comes from the environment only, never the command line (where `ps` shows it). */
async function mailTransport(options: RunOptions): Promise<MailTransport & { close(): void }> {
  if (options.smtpHost === undefined) {
    // Emails wait (retried with backoff) rather than being lost while no server is configured.
    return {
      send: () => Promise.resolve({ kind: "failed", permanent: false, message: "no SMTP server is configured (--smtp-host)" }),
      close: () => undefined,
    };
  }
  if (options.smtpFrom === undefined) throw new UsageError("--smtp-from is required with --smtp-host");
  const password = process.env.CLOUD_LEDGER_SMTP_PASSWORD;
  if (options.smtpUser !== undefined && password === undefined) {
    throw new UsageError("--smtp-user needs the password in CLOUD_LEDGER_SMTP_PASSWORD");
  }
  // nodemailer is loaded only when mail is configured.
  const { createSmtpMailTransport } = await import("@cloud-ledger/adapters/mail-smtp");
  return createSmtpMailTransport({
    host: options.smtpHost,
    port: options.smtpPort,
    from: options.smtpFrom,
    secure: options.smtpSecure === true,
    ...(options.smtpUser === undefined || password === undefined ? {} : { auth: { user: options.smtpUser, pass: password } }),
  });
}

function describe(activity: DispatchActivity): string {
  const key = activity.idempotencyKey.slice(0, 12);
  switch (activity.kind) {
    case "delivered":
      return `${key} delivered (attempt ${activity.attempt})`;
    case "failed":
      return `${key} attempt ${activity.attempt} failed: ${activity.detail ?? ""}`;
    case "given-up":
      return `${key} given up after attempt ${activity.attempt}: ${activity.detail ?? ""}`;
    case "retry-scheduled":
      return `${key} attempt ${activity.attempt} in ${activity.delayMs} ms`;
    case "skipped":
      return `${key} already ${activity.status}`;
    case "error":
      return `${key} not recorded: ${activity.message}`;
  }
}

/**
 * `notifications run`: the dispatcher in the foreground, as the platform (`system:notification-dispatcher`). It
 * delivers what the outbox holds and keeps polling (or, with --once, stops when nothing is left), and stops cleanly on
 * SIGINT/SIGTERM: the attempt in flight is recorded before it exits, and an attempt cut short is re-sent next time.
 */
export function registerNotificationsCommands(program: Command, outboxOf: OutboxSource): void {
  const notifications = program.command("notifications").description("Deliver notifications: webhooks (signed) and email");
  notifications
    .command("run")
    .description("Deliver pending notifications until interrupted (SIGINT/SIGTERM), retrying with backoff")
    .option("--once", "stop when every pending notification is delivered or given up")
    .option("--smtp-host <host>", "SMTP server for email notifications")
    .addOption(new Option("--smtp-port <port>", "SMTP port").argParser(parsePositiveInteger).default(587))
    .option("--smtp-from <address>", "the From address of notification emails")
    .option("--smtp-user <user>", "SMTP user (password in CLOUD_LEDGER_SMTP_PASSWORD)")
    .option("--smtp-secure", "TLS from the first byte (port 465) instead of STARTTLS")
    .addOption(new Option("--request-timeout <ms>", "deadline of one webhook POST").argParser(parsePositiveInteger).default(10_000))
    .addOption(new Option("--max-attempts <n>", "attempts per notification before giving up").argParser(parsePositiveInteger).default(8))
    .action(function (this: Command, options: RunOptions) {
      return withContext(
        this,
        "write",
        async (context) => {
          if (options.maxAttempts > 100) throw new UsageError("--max-attempts is at most 100");
          const mail = await mailTransport(options);
          const vault = await openCliVault(context.globals.home, context.store);
          const clock = createSystemClock();
          const controlPlane = createControlPlane({
            store: context.store,
            clock,
            ids: createIdGenerator(),
            git: createGitResolver(),
            sha256: nodeSha256Hex,
          });
          const stop = new AbortController();
          const onSignal = (): void => stop.abort();
          process.once("SIGINT", onSignal);
          process.once("SIGTERM", onSignal);
          try {
            const dispatcher = createNotificationDispatcher({
              outbox: await outboxOf(context),
              controlPlane,
              store: context.store,
              webhook: createHttpWebhookTransport(),
              mail,
              clock,
              signingSecret: (job: DeliveryJob) =>
                vault.get({
                  organization: job.scope.organization,
                  projectKey: job.scope.projectKey ?? "",
                  name: signingSecretName(job.recipient),
                }),
              retry: { maxAttempts: options.maxAttempts, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 },
              requestTimeoutMs: options.requestTimeout,
              onActivity: (activity) => context.output.notice(describe(activity)),
            });
            const report = options.once === true ? await dispatcher.drain(stop.signal) : await dispatcher.run(stop.signal);
            context.output.result(
              `Delivered ${report.delivered}, gave up ${report.givenUp}, ${report.failedAttempts} failed attempts, ` +
                `${report.skipped} already settled, ${report.errors} not recorded.`,
              report,
            );
          } finally {
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
            mail.close();
          }
        },
        { actsAsUser: false },
      );
    });
}
