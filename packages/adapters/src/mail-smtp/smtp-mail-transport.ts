import nodemailer from "nodemailer";
import type { MailResult, MailTransport } from "@cloud-ledger/domain";

export interface SmtpMailOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure?: boolean;
  /** Refuse to send without STARTTLS (for servers off the loopback). */
  readonly requireTls?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly from: string;
  /** Connection, greeting and socket timeouts, each; default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * The mail port over SMTP with nodemailer (one pooled-free connection per message: a dispatcher sends little mail, and
 * a fresh connection cannot carry a broken session's state into the next delivery). A 5xx reply is permanent; a 4xx
 * reply, a timeout or a refused connection may pass, so the dispatcher retries them.
 */
export function createSmtpMailTransport(options: SmtpMailOptions): MailTransport & { close(): void } {
  const timeout = options.timeoutMs ?? 10_000;
  const transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.requireTls ?? false,
    ...(options.auth === undefined ? {} : { auth: { user: options.auth.user, pass: options.auth.pass } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message): Promise<MailResult> {
      try {
        await transporter.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: { ...message.headers },
        });
        return { kind: "sent" };
      } catch (error) {
        const code = (error as { responseCode?: unknown }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        return { kind: "failed", permanent: typeof code === "number" && code >= 500, message: text.slice(0, 300) };
      }
    },
    close() {
      transporter.close();
    },
  };
}
