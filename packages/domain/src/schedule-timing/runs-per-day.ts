import { countCronTicks } from "./cron-ticks.js";
import { toScheduleInterval, type ScheduleInterval } from "./interval.js";
import { utcDayOf, utcDayStartMs } from "./utc-day.js";

const SAMPLE_DAYS = 365;
const DAY_MS = 86_400_000;
/** Fees: a schedule running 24 or more times a day is "frequent" (0.5 credit per run, rule 42). */
export const FREQUENT_RUNS_PER_DAY = 24;

/**
 * Cron ticks in the 365 days from the start (UTC) of the day `from` falls on, divided by 365, unrounded: the Meltano
 * Cloud CLI's `_approx_daily_freq`, except that it counts from the day's midnight rather than from the instant
 * (DECISIONS.md, "Runs per day count from the start of the UTC day"). So the count, the label and rule 42's class
 * depend only on (interval, UTC day), which is what lets them be cached per day.
 */
export function runsPerDay(interval: string | ScheduleInterval, from: string): number {
  const parsed = toScheduleInterval(interval);
  if (parsed.kind === "manual") return 0;
  const start = utcDayStartMs(utcDayOf(from));
  return countCronTicks(parsed.cron, start, start + SAMPLE_DAYS * DAY_MS) / SAMPLE_DAYS;
}

/**
 * The "Runs / Day" label exactly as the Meltano Cloud CLI prints it: `0` for manual-only intervals, `< 1`
 * when the one-decimal rounding is below 1, else the rounded value with one decimal (`1.0`, `10.3`).
 * toFixed and Python's round agree here: ticks/365 can never sit exactly on a .x5 tie.
 */
export function runsPerDayLabel(interval: string | ScheduleInterval, from: string): string {
  const parsed = toScheduleInterval(interval);
  if (parsed.kind === "manual") return "0";
  const rounded = Number(runsPerDay(parsed, from).toFixed(1));
  return rounded < 1 ? "< 1" : rounded.toFixed(1);
}

/** Frequent at 24 or more runs a day, judged on the same count the label shows. */
export function isFrequentSchedule(interval: string | ScheduleInterval, from: string): boolean {
  return runsPerDay(interval, from) >= FREQUENT_RUNS_PER_DAY;
}
