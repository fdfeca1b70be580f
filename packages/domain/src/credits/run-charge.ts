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

/**
 * Rule 42: a scheduled run of a schedule that runs 24 or more times a day is frequent; every other scheduled run, and
 * every ad-hoc run (CLI or API), is infrequent. Runs/day is counted over the 365 days from the run's start, so the
 * class of a run never depends on when it is looked at.
 */
export function classifyRun(trigger: ExecutionTrigger, interval: string | undefined, startedAt: string): RunClass {
  if (trigger !== "scheduled" || interval === undefined) return "infrequent";
  return isFrequentSchedule(interval, startedAt) ? "frequent" : "infrequent";
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
