import { CronExpressionParser } from "cron-parser";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A cron expression split into the days it fires on and the times within each of those days (UTC).
 *
 * cron-parser (a maintained, widely used cron library with `L`, names and the usual day-of-month /
 * day-of-week OR rule) decides which days match; the times within a matching day are the product of the
 * expression's hour and minute sets. Stepping cron-parser one tick at a time makes a year of `* * * * *` (525,600
 * ticks) take seconds; stepping it by day keeps that to milliseconds (bench/NOTES.md, "Cron ticks").
 */
interface DailyPlan {
  /** Milliseconds after midnight, ascending. */
  readonly times: readonly number[];
  /** Midnights (epoch ms) of the matching days, from the day holding `startMs` on. */
  days(startMs: number): Generator<number, void, undefined>;
}

function dailyPlan(cron: string): DailyPlan {
  const fields = CronExpressionParser.parse(cron, { tz: "UTC" }).fields;
  const minutes = fields.minute.values.map(Number).sort((a, b) => a - b);
  const hours = fields.hour.values.map(Number).sort((a, b) => a - b);
  const dayExpression = `0 0 ${cron.split(" ").slice(2).join(" ")}`;
  return {
    times: hours.flatMap((hour) => minutes.map((minute) => (hour * 60 + minute) * MINUTE_MS)),
    *days(startMs) {
      // `next()` is strictly after `currentDate`, so start one millisecond before the first day's midnight.
      const firstDay = Math.floor(startMs / DAY_MS) * DAY_MS;
      const days = CronExpressionParser.parse(dayExpression, { tz: "UTC", currentDate: new Date(firstDay - 1) });
      for (;;) yield days.next().getTime();
    },
  };
}

/** Cron ticks in UTC, as epoch milliseconds, in increasing order, from `startMs` (inclusive) on. */
export function* cronTicksFrom(cron: string, startMs: number): Generator<number, void, undefined> {
  const plan = dailyPlan(cron);
  for (const day of plan.days(startMs)) {
    for (const time of plan.times) if (day + time >= startMs) yield day + time;
  }
}

/** Ticks in the closed range [startMs, endMs], the way croniter_range counts them; whole days count at once. */
export function countCronTicks(cron: string, startMs: number, endMs: number): number {
  const plan = dailyPlan(cron);
  let count = 0;
  for (const day of plan.days(startMs)) {
    if (day > endMs) break;
    if (day >= startMs && day + DAY_MS - 1 <= endMs) count += plan.times.length;
    else for (const time of plan.times) if (day + time >= startMs && day + time <= endMs) count += 1;
  }
  return count;
}
