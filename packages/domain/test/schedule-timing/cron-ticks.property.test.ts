import { fc, test } from "@fast-check/vitest";
import { CronExpressionParser } from "cron-parser";
import { describe, expect } from "vitest";
import { parseInterval } from "@cloud-ledger/domain";
import { countCronTicks, cronTicksFrom } from "../../src/schedule-timing/cron-ticks.js";
import { cronExpression, instant } from "./cron-arbitraries.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

describe("day-stepped cron ticks", () => {
  test.prop([cronExpression, instant, fc.integer({ min: 1, max: 60 })], { numRuns: 60 })(
    "are exactly the ticks cron-parser steps through one by one",
    (raw, from, hours) => {
      const parsed = parseInterval(raw);
      if (!parsed.ok || parsed.value.kind !== "cron") throw new Error(`generator made an invalid cron: ${raw}`);
      const start = new Date(from).getTime();
      const end = start + hours * HOUR_MS;
      const ours: number[] = [];
      for (const at of cronTicksFrom(parsed.value.cron, start)) {
        if (at > end) break;
        ours.push(at);
      }
      const theirs: number[] = [];
      const stepper = CronExpressionParser.parse(parsed.value.cron, { tz: "UTC", currentDate: new Date(start - 1) });
      for (;;) {
        const at = stepper.next().getTime();
        if (at > end) break;
        theirs.push(at);
      }
      expect(ours).toEqual(theirs);
    },
  );

  test.prop([cronExpression, instant, fc.integer({ min: 0, max: 96 * 60 })], { numRuns: 60 })(
    "are counted day by day exactly as many as there are, both ends included",
    (raw, from, minutes) => {
      const parsed = parseInterval(raw);
      if (!parsed.ok || parsed.value.kind !== "cron") throw new Error(`generator made an invalid cron: ${raw}`);
      const start = new Date(from).getTime();
      const end = start + minutes * 60_000;
      let expected = 0;
      for (const at of cronTicksFrom(parsed.value.cron, start)) {
        if (at > end) break;
        expected += 1;
      }
      expect(countCronTicks(parsed.value.cron, start, end)).toBe(expected);
    },
  );

  test.prop([cronExpression, instant, fc.integer({ min: 0, max: DAY_MS - 1 })], { numRuns: 25 })(
    "over a year (runs per day's window) are counted exactly as many as cron-parser steps to, day by day",
    (raw, from, extra) => {
      const parsed = parseInterval(raw);
      if (!parsed.ok || parsed.value.kind !== "cron") throw new Error(`generator made an invalid cron: ${raw}`);
      const start = new Date(from).getTime();
      const end = start + 365 * DAY_MS + extra;
      let expected = 0;
      for (const at of cronTicksFrom(parsed.value.cron, start)) {
        if (at > end) break;
        expected += 1;
      }
      expect(countCronTicks(parsed.value.cron, start, end)).toBe(expected);
    },
  );
});
