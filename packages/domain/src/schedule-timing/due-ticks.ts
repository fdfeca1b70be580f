import { cappedCronTicksFrom } from "./capped-ticks.js";
import { toScheduleInterval, type ScheduleInterval } from "./interval.js";
import { toEpochMs } from "./utc-day.js";
import { scheduleOffsetMinutes } from "./schedule-offset.js";

const MINUTE_MS = 60_000;

export interface ScheduleTimingInput {
  /** Identifies the deployment (e.g. `<project>/<deployment name>`); part of the offset and of the tick id. */
  readonly deploymentKey: string;
  readonly scheduleName: string;
  readonly interval: string | ScheduleInterval;
}

export interface SchedulerScheduleInput extends ScheduleTimingInput {
  readonly enabled: boolean;
}

export interface DueTick {
  /** `<deploymentKey>/<scheduleName>/<at>`: the same tick always gets the same id, so recording it twice is harmless. */
  readonly tickId: string;
  readonly deploymentKey: string;
  readonly scheduleName: string;
  /** ISO UTC instant, offset and cap applied. */
  readonly at: string;
}

/**
 * The scheduler step: every tick of an enabled schedule in the half-open window [from, to), sorted by time
 * (then deployment key, then schedule name). Ticks are the cron ticks, capped to one per 15 minutes, then shifted
 * by the pair's constant offset. Adjacent windows partition the ticks, and the same window always gives the same
 * ticks. Throws InvalidIntervalError for an interval `parseInterval` rejects.
 */
export function dueTicks(input: {
  readonly schedules: readonly SchedulerScheduleInput[];
  readonly from: string;
  readonly to: string;
}): readonly DueTick[] {
  const fromMs = toEpochMs(input.from);
  const toMs = toEpochMs(input.to);
  const ticks: DueTick[] = [];
  for (const schedule of input.schedules) {
    if (!schedule.enabled) continue;
    for (const at of offsetTicksFrom(schedule, fromMs)) {
      if (at >= toMs) break;
      ticks.push(toDueTick(schedule, at));
    }
  }
  return ticks.sort(compareTicks);
}

/** The next `count` ticks of a schedule in a deployment strictly after `from` (offset and cap applied). */
export function nextScheduledTicks(schedule: ScheduleTimingInput, from: string, count: number): readonly string[] {
  const ticks: string[] = [];
  if (count <= 0) return ticks;
  for (const at of offsetTicksFrom(schedule, toEpochMs(from) + 1)) {
    ticks.push(new Date(at).toISOString());
    if (ticks.length >= count) break;
  }
  return ticks;
}

function* offsetTicksFrom(schedule: ScheduleTimingInput, startMs: number): Generator<number, void, undefined> {
  const interval = toScheduleInterval(schedule.interval);
  if (interval.kind === "manual") return;
  const offsetMs = scheduleOffsetMinutes(schedule.deploymentKey, schedule.scheduleName) * MINUTE_MS;
  for (const at of cappedCronTicksFrom(interval.cron, startMs - offsetMs)) yield at + offsetMs;
}

function toDueTick(schedule: ScheduleTimingInput, atMs: number): DueTick {
  const at = new Date(atMs).toISOString();
  return {
    tickId: `${schedule.deploymentKey}/${schedule.scheduleName}/${at}`,
    deploymentKey: schedule.deploymentKey,
    scheduleName: schedule.scheduleName,
    at,
  };
}

function compareTicks(a: DueTick, b: DueTick): number {
  return compare(a.at, b.at) || compare(a.deploymentKey, b.deploymentKey) || compare(a.scheduleName, b.scheduleName);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
