import { MAX_DELIVERY_ATTEMPTS } from "./events.js";

/** How often and how patiently a delivery is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 to MAX_DELIVERY_ATTEMPTS). */
  readonly maxAttempts: number;
  /** The delay before the second attempt, before jitter; each later one doubles it. */
  readonly baseDelayMs: number;
  /** No delay exceeds this, jitter included. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/** What one attempt's result means for the delivery. */
export type AttemptVerdict = "delivered" | "retry" | "give-up";

/**
 * 2xx is delivered; 408 (timeout) and 429 (too many requests) and every 5xx may pass, so they are retried; any other
 * status (4xx, an unfollowed redirect) will not change by asking again, so the delivery is given up.
 */
export function verdictForStatus(statusCode: number): AttemptVerdict {
  if (statusCode >= 200 && statusCode < 300) return "delivered";
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) return "retry";
  return "give-up";
}

/** A retryable failure becomes a give-up once the policy's attempts are spent. */
export function verdictAfter(attempt: number, verdict: AttemptVerdict, policy: RetryPolicy): AttemptVerdict {
  return verdict === "retry" && attempt >= Math.min(policy.maxAttempts, MAX_DELIVERY_ATTEMPTS) ? "give-up" : verdict;
}

/**
 * The wait after failed attempt `attempt` (1-based): exponential (base, 2 base, 4 base, ...), capped, with "equal
 * jitter" — half the step fixed, half drawn from `random` in [0, 1) — so receivers recovering from an outage are not
 * hit by every dispatcher at once, yet no retry comes sooner than half its step.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(policy.maxDelayMs, Math.floor(step / 2 + (r * step) / 2));
}
