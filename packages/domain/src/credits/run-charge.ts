import { isFrequentSchedule } from "../schedule-timing/runs-per-day.js";
import type { ExecutionTrigger } from "../execution/events.js";

/** Rule 42's two classes of pipeline run. */
export type RunClass = "frequent" | "infrequent";

/** Rule 42: the fee schedule of each class, in millicredits and minutes. */
export const RUN_FEES: Readonly<Record<RunClass, { readonly base: number; readonly includedMinutes: number }>> = {
  frequent: { base: 500, includedMinutes: 5 },
  infrequent: { base: 1000, includedMinutes: 10 },
};

/** Rule 42: 0.1 credit for each minute of runtime beyond the included minutes. */
export const EXTRA_MINUTE_MILLICREDITS = 100;

const MINUTE_MS = 60_000;

/** Counting a year of cron ticks takes a while; a schedule's class is the same for every run it starts that day. */
const classCache = new Map<string, boolean>();
const CLASS_CACHE_LIMIT = 1000;

function frequentOnDay(interval: string, day: string): boolean {
  const key = `${day} ${interval}`;
  let frequent = classCache.get(key);
  if (frequent === undefined) {
    try {
      frequent = isFrequentSchedule(interval, `${day}T00:00:00.000Z`);
    } catch {
      // Deployed intervals were checked when deployed; anything unreadable here bills as the default class.
      frequent = false;
    }
    if (classCache.size >= CLASS_CACHE_LIMIT) classCache.clear();
    classCache.set(key, frequent);
  }
  return frequent;
}

/**
 * Rule 42: a scheduled run of a schedule that runs 24 or more times a day is frequent; every other scheduled run, and
 * every ad-hoc run (CLI or API), is infrequent. Runs/day is counted over the 365 days from the start (UTC) of the day
 * the run started, so a run's class follows from its recorded facts and never from when it is looked at.
 */
export function classifyRun(trigger: ExecutionTrigger, interval: string | undefined, startedAt: string): RunClass {
  if (trigger !== "scheduled" || interval === undefined) return "infrequent";
  return frequentOnDay(interval, startedAt.slice(0, 10)) ? "frequent" : "infrequent";
}

/** Billable runtime beyond the included minutes, counted per started minute (10:00.001 of runtime is 11 minutes). */
export function extraMinutes(runClass: RunClass, runtimeMs: number): number {
  const beyond = Math.max(0, runtimeMs) - RUN_FEES[runClass].includedMinutes * MINUTE_MS;
  return beyond <= 0 ? 0 : Math.ceil(beyond / MINUTE_MS);
}

/** Rule 42: what one run costs, in millicredits. */
export function runCharge(runClass: RunClass, runtimeMs: number): number {
  return RUN_FEES[runClass].base + EXTRA_MINUTE_MILLICREDITS * extraMinutes(runClass, runtimeMs);
}
