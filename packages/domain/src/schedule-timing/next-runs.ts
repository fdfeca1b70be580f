import { cronTicksFrom } from "./cron-ticks.js";
import { toScheduleInterval, type ScheduleInterval } from "./interval.js";

/**
 * The next `count` cron ticks strictly after `from`, as ISO UTC strings — what the Meltano Cloud CLI's
 * `schedule describe` lists (croniter from now, no per-deployment offset). Manual-only intervals have none.
 * Throws InvalidIntervalError for an interval `parseInterval` rejects.
 */
export function nextRuns(interval: string | ScheduleInterval, from: string, count: number): readonly string[] {
  const parsed = toScheduleInterval(interval);
  if (parsed.kind === "manual" || count <= 0) return [];
  const runs: string[] = [];
  for (const at of cronTicksFrom(parsed.cron, toEpochMs(from) + 1)) {
    runs.push(new Date(at).toISOString());
    if (runs.length >= count) break;
  }
  return runs;
}

/** Parses an ISO-8601 instant; a string that is not one is a caller bug, so it throws a RangeError naming it. */
export function toEpochMs(iso: string): number {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: '${iso}'`);
  return ms;
}
