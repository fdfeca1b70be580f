import { cronTicksFrom } from "./cron-ticks.js";
import { toScheduleInterval, type ScheduleInterval } from "./interval.js";
import { toEpochMs } from "./utc-day.js";

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
