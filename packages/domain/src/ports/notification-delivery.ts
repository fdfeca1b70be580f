import type { DeliveryJob } from "../notification/delivery-job.js";

/** One page of the outbox; `cursor` (set whenever `jobs` is not empty) is where the next page starts. */
export interface OutboxPage {
  readonly jobs: readonly DeliveryJob[];
  readonly cursor?: string;
}

/** Where delivery jobs come from, oldest first: the outbox read model, or a test's list. */
export interface DeliveryOutbox {
  pending(after: string | undefined, limit: number): Promise<OutboxPage>;
}

export interface WebhookRequest {
  readonly url: string;
  /** The exact bytes the signature covers. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** What one POST came to. A transport never throws for the network's sake: every failure is one of these. */
export type WebhookResponse =
  | { readonly kind: "response"; readonly statusCode: number; readonly bodyExcerpt: string }
  | { readonly kind: "timeout" }
  | { readonly kind: "network-error"; readonly message: string }
  /** Not sent, or not followed: a URL that fails validation, a redirect to another host. Asking again will not help. */
  | { readonly kind: "refused"; readonly reason: string };

export interface WebhookTransport {
  post(request: WebhookRequest): Promise<WebhookResponse>;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** `permanent`: the server refused for good (SMTP 5xx); otherwise asking later may succeed. */
export type MailResult = { readonly kind: "sent" } | { readonly kind: "failed"; readonly permanent: boolean; readonly message: string };

/** The mail port: SMTP in production, anything in tests. */
export interface MailTransport {
  send(message: MailMessage): Promise<MailResult>;
}
