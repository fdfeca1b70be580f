import { CronExpressionParser } from "cron-parser";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A cron expression split into the days it fires on and the times within each of those days (UTC).
 *
 * cron-parser (a maintained, widely used cron library with `L`, names and the usual day-of-month /
 * day-of-week OR rule) decides which days match; the times within a matching day are the product of the
 * expression's hour and minute sets. Stepping cron-parser one tick at a time makes a year of `* * * * *` (525,600
 * ticks) take seconds; stepping it by day keeps that to milliseconds (bench/NOTES.md, "Cron ticks"). Counting asks
 * cron-parser whether each day of the range matches instead of stepping to the next matching day: the same rule, about
 * ten times cheaper (a year of `schedule list`'s runs-per-day labels took ~60 ms per interval by stepping).
 */
interface DailyPlan {
  /** Milliseconds after midnight, ascending. */
  readonly times: readonly number[];
  /** Midnights (epoch ms) of the matching days, from the day holding `startMs` on. */
  days(startMs: number): Generator<number, void, undefined>;
  /** Whether the day starting at midnight `dayMs` (epoch ms, UTC) is one the expression fires on. */
  firesOn(dayMs: number): boolean;
}

function dailyPlan(cron: string): DailyPlan {
  const fields = CronExpressionParser.parse(cron, { tz: "UTC" }).fields;
  const minutes = fields.minute.values.map(Number).sort((a, b) => a - b);
  const hours = fields.hour.values.map(Number).sort((a, b) => a - b);
  const dayExpression = `0 0 ${cron.split(" ").slice(2).join(" ")}`;
  const dayMatcher = CronExpressionParser.parse(dayExpression, { tz: "UTC" });
  return {
    times: hours.flatMap((hour) => minutes.map((minute) => (hour * 60 + minute) * MINUTE_MS)),
    *days(startMs) {
      // `next()` is strictly after `currentDate`, so start one millisecond before the first day's midnight.
      const firstDay = Math.floor(startMs / DAY_MS) * DAY_MS;
      const days = CronExpressionParser.parse(dayExpression, { tz: "UTC", currentDate: new Date(firstDay - 1) });
      for (;;) yield days.next().getTime();
    },
    firesOn: (dayMs) => dayMatcher.includesDate(new Date(dayMs)),
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
  for (let day = Math.floor(startMs / DAY_MS) * DAY_MS; day <= endMs; day += DAY_MS) {
    if (!plan.firesOn(day)) continue;
    if (day >= startMs && day + DAY_MS - 1 <= endMs) count += plan.times.length;
    else for (const time of plan.times) if (day + time >= startMs && day + time <= endMs) count += 1;
  }
  return count;
}
