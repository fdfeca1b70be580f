import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The headers a webhook delivery carries. The signature header is `t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 with the recipient's signing secret over `<t>.<exact request body>`: a receiver recomputes it over the
 * bytes it received, compares in constant time, and refuses a timestamp too far from its clock (a replay).
 */
export const SIGNATURE_HEADER = "cloud-ledger-signature";
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const ATTEMPT_HEADER = "cloud-ledger-delivery-attempt";
/** How far a signature's timestamp may be from the receiver's clock by default. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: number, body: string): string =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

/** The signature header's value for `body` sent at `timestampSeconds`. */
export function signWebhookBody(body: string, secret: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

export interface VerifyWebhookSignatureOptions {
  /** The raw request body, exactly as received (not re-serialized JSON). */
  readonly body: string;
  /** The `cloud-ledger-signature` header's value. */
  readonly header: string | undefined;
  readonly secret: string;
  /** The receiver's clock, in unix seconds (default: now). */
  readonly nowSeconds?: number;
  readonly toleranceSeconds?: number;
}

export type SignatureVerdict = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: string };

/** What a receiver runs on each delivery: the signature holds for this body and secret, and it is recent. */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): SignatureVerdict {
  const { body, header, secret } = options;
  if (header === undefined || header.length > 1000) return { ok: false, reason: "missing or oversized signature header" };
  const fields = new Map<string, string[]>();
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return { ok: false, reason: "malformed signature header" };
    const key = part.slice(0, eq).trim();
    fields.set(key, [...(fields.get(key) ?? []), part.slice(eq + 1).trim()]);
  }
  const t = fields.get("t");
  if (t?.length !== 1 || !/^\d{1,12}$/.test(t[0] ?? "")) return { ok: false, reason: "the signature header needs one numeric t" };
  const timestamp = Number(t[0]);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "the signature's timestamp is outside the tolerance (a replay or a wrong clock)" };
  }
  const expected = Buffer.from(hmacHex(secret, timestamp, body), "hex");
  // Several v1 values let a sender sign with an old and a new secret while the receiver rotates.
  const matches = (fields.get("v1") ?? []).some((candidate) => {
    if (!/^[0-9a-f]{64}$/.test(candidate)) return false;
    return timingSafeEqual(Buffer.from(candidate, "hex"), expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "no v1 signature matches the body and secret" };
}
