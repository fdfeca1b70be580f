import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { dueTicks, type SchedulerScheduleInput } from "@cloud-ledger/domain";
import { cronExpression, frequentCronExpression, instant } from "./cron-arbitraries.js";

const MINUTE_MS = 60_000;
const schedule = fc.record({
  deploymentKey: fc.constantFrom("org/p1/prod", "org/p1/staging", "org/p2/prod"),
  scheduleName: fc.constantFrom("a", "b", "c", "d"),
  interval: fc.oneof(cronExpression, frequentCronExpression, fc.constantFrom("@hourly", "@daily", "@once", "* * * * *")),
  enabled: fc.boolean(),
});
/** Unique (deployment, schedule) pairs, as in a real set of deployments. */
const schedules = fc.uniqueArray(schedule, { maxLength: 5, selector: (s) => `${s.deploymentKey}/${s.scheduleName}` });
const window = fc.tuple(instant, fc.integer({ min: 0, max: 36 * 60 })).map(([from, minutes]) => ({
  from,
  to: new Date(new Date(from).getTime() + minutes * MINUTE_MS).toISOString(),
}));

const key = (tick: { deploymentKey: string; scheduleName: string }) => `${tick.deploymentKey}/${tick.scheduleName}`;

describe("dueTicks properties", () => {
  test.prop([schedules, window], { numRuns: 60 })(
    "ticks are sorted, inside the window, and strictly increase per schedule",
    (input, { from, to }) => {
      const ticks = dueTicks({ schedules: input, from, to });
      const times = ticks.map((tick) => tick.at);
      expect(times).toEqual([...times].sort());
      for (const tick of ticks) expect(tick.at >= new Date(from).toISOString() && tick.at < new Date(to).toISOString()).toBe(true);
      const last = new Map<string, number>();
      for (const tick of ticks) {
        const at = new Date(tick.at).getTime();
        const previous = last.get(key(tick));
        if (previous !== undefined) {
          expect(at).toBeGreaterThan(previous);
          expect(at - previous).toBeGreaterThanOrEqual(15 * MINUTE_MS);
        }
        last.set(key(tick), at);
      }
    },
  );

  test.prop([schedules, window], { numRuns: 60 })("never come for a disabled schedule", (input, { from, to }) => {
    const disabled = new Set(input.filter((s) => !s.enabled).map(key));
    for (const tick of dueTicks({ schedules: input, from, to })) expect(disabled.has(key(tick))).toBe(false);
  });

  test.prop([schedules, window], { numRuns: 40 })(
    "the same window always gives the same ticks, in any input order",
    (input, { from, to }) => {
      const ticks = dueTicks({ schedules: input, from, to });
      expect(dueTicks({ schedules: [...input].reverse(), from, to })).toEqual(ticks);
      expect(new Set(ticks.map((tick) => tick.tickId)).size).toBe(ticks.length);
    },
  );

  test.prop([schedules, window, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    "adjacent windows split the ticks of their union, so scheduler steps neither miss nor repeat one",
    (input, { from, to }, fraction) => {
      const start = new Date(from).getTime();
      const middle = new Date(start + Math.floor((new Date(to).getTime() - start) * fraction)).toISOString();
      const whole = dueTicks({ schedules: input, from, to });
      const parts = [...dueTicks({ schedules: input, from, to: middle }), ...dueTicks({ schedules: input, from: middle, to })];
      expect(parts).toEqual(whole);
    },
  );

  test.prop([schedules, window], { numRuns: 30 })(
    "ignores the enabled flag of others: a schedule's ticks depend on itself alone",
    (input, { from, to }) => {
      const all = dueTicks({ schedules: input, from, to });
      for (const one of input) {
        const alone: SchedulerScheduleInput[] = [one];
        expect(dueTicks({ schedules: alone, from, to })).toEqual(all.filter((tick) => key(tick) === key(one)));
      }
    },
  );
});
