import { cronTicksFrom } from "./cron-ticks.js";

/** A schedule yields at most one tick per 15 minutes (rule 43: Cloud's fees and SLA cap, modelled as a cap). */
export const MIN_TICK_SPACING_MINUTES = 15;
const BUCKET_MS = MIN_TICK_SPACING_MINUTES * 60_000;

/**
 * The cron ticks that survive the 15-minute cap, from `startMs` (inclusive) on.
 *
 * Time is cut into 15-minute buckets aligned on the UTC epoch; a tick survives when it is the first of its
 * bucket and comes at least 15 minutes after the first tick of the bucket before. A greedy "15 minutes after the
 * last kept tick" rule would depend on where the scan started, so two scheduler steps over adjacent windows
 * could disagree; this rule looks back one bucket only, so every window sees the same ticks. Survivors are
 * never closer than 15 minutes: the one before a survivor is either the checked first tick of the previous
 * bucket, or lies two or more buckets back (more than 15 minutes away).
 */
export function* cappedCronTicksFrom(cron: string, startMs: number): Generator<number, void, undefined> {
  const firstBucket = Math.floor(startMs / BUCKET_MS);
  let bucket = Number.NEGATIVE_INFINITY;
  let bucketFirst = Number.NEGATIVE_INFINITY;
  for (const at of cronTicksFrom(cron, (firstBucket - 1) * BUCKET_MS)) {
    const atBucket = Math.floor(at / BUCKET_MS);
    if (atBucket === bucket) continue;
    const kept = atBucket !== bucket + 1 || at - bucketFirst >= BUCKET_MS;
    bucket = atBucket;
    bucketFirst = at;
    if (kept && at >= startMs) yield at;
  }
}
