/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Nearest-rank percentile (p in 0..100) of an already sorted list. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface RateSample {
  /** Operations (events, commands, appends) done in one timed run. */
  readonly ops: number;
  readonly seconds: number;
}

export interface RateResult {
  /** Median operations per second over the timed runs. */
  readonly perSecond: number;
  /** Every timed run's rate, in run order, so spread is visible in results.json. */
  readonly runs: readonly number[];
}

export interface MeasureOptions {
  readonly warmups: number;
  readonly runs: number;
}

/**
 * Runs `once` warm-up times untimed (JIT, caches, connection pools), then `runs` times timed, and reports the
 * median rate. Each call gets its run index so a workload can use fresh streams per run.
 */
export async function measureRate(options: MeasureOptions, once: (run: number) => Promise<RateSample>): Promise<RateResult> {
  let run = 0;
  for (let i = 0; i < options.warmups; i += 1) await once(run++);
  const rates: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const sample = await once(run++);
    rates.push(sample.ops / sample.seconds);
  }
  return { perSecond: median(rates), runs: rates };
}

/** Seconds elapsed since a `process.hrtime.bigint()` reading. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
