import http from "node:http";
import https from "node:https";
import type { WebhookRequest, WebhookResponse, WebhookTransport } from "@cloud-ledger/domain";
import { webhookUrlProblem } from "./webhook-url.js";

export interface HttpWebhookTransportOptions {
  /** The most bytes of a response body kept (for the failure record); the rest is never read. Default 1024. */
  readonly maxResponseBytes?: number;
  /** Same-origin 307/308 redirects followed; default 3. */
  readonly maxRedirects?: number;
}

type Sent = WebhookResponse | { readonly kind: "redirect"; readonly location: string };

function postOnce(url: URL, request: WebhookRequest, signal: AbortSignal, maxBytes: number): Promise<Sent> {
  return new Promise((resolve) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-type": "application/json", "content-length": Buffer.byteLength(request.body) },
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if ((status === 307 || status === 308) && typeof location === "string") {
          res.destroy();
          resolve({ kind: "redirect", location });
          return;
        }
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = (): void => {
          resolve({
            kind: "response",
            statusCode: status,
            bodyExcerpt: Buffer.concat(chunks)
              .toString("utf8")
              .replace(/\uFFFD+$/, ""),
          });
        };
        res.on("data", (chunk: Buffer) => {
          if (kept < maxBytes) chunks.push(chunk.subarray(0, maxBytes - kept));
          kept += chunk.length;
          // A hostile receiver may stream forever: stop reading once the excerpt is full.
          if (kept >= maxBytes) {
            res.destroy();
            finish();
          }
        });
        res.on("end", finish);
        res.on("error", finish);
      },
    );
    req.on("error", (error) => {
      resolve(signal.aborted ? { kind: "timeout" } : { kind: "network-error", message: error.message.slice(0, 200) });
    });
    req.end(request.body);
  });
}

/**
 * POSTs over node:http(s) with one deadline for the whole exchange (redirects included). The URL is validated before
 * every request; a redirect is followed only with 307/308 and only to the same origin (scheme, host and port),
 * anything else is refused; a 301/302/303 is returned as the response it is.
 */
export function createHttpWebhookTransport(options: HttpWebhookTransportOptions = {}): WebhookTransport {
  const maxBytes = options.maxResponseBytes ?? 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  return {
    async post(request) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), request.timeoutMs);
      try {
        let target = request.url;
        for (let hop = 0; ; hop += 1) {
          const problem = webhookUrlProblem(target);
          if (problem !== undefined) return { kind: "refused", reason: problem };
          const url = new URL(target);
          const sent = await postOnce(url, request, controller.signal, maxBytes);
          if (sent.kind !== "redirect") return controller.signal.aborted && sent.kind !== "response" ? { kind: "timeout" } : sent;
          let next: URL;
          try {
            next = new URL(sent.location, url);
          } catch {
            return { kind: "refused", reason: "the redirect's location does not parse" };
          }
          if (next.origin !== url.origin)
            return { kind: "refused", reason: `a redirect to another host (${next.host.slice(0, 100)}) is not followed` };
          if (hop >= maxRedirects) return { kind: "refused", reason: `more than ${maxRedirects} redirects` };
          target = next.href;
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
