import { describe, expect, it } from "vitest";
import {
  dueTicks,
  isFrequentSchedule,
  MAX_SCHEDULE_OFFSET_MINUTES,
  nextScheduledTicks,
  parseInterval,
  runsPerDay,
  runsPerDayLabel,
  scheduleOffsetMinutes,
} from "@cloud-ledger/domain";

// The schedule-timing rules of the rulebook, one per case, as the docs/rules.md entries cite them.
const FROM = "2023-08-24T00:00:00.000Z";
const DAY_LATER = "2023-08-25T00:00:00.000Z";
const MINUTE_MS = 60_000;
const schedule = (interval: string, enabled: boolean, scheduleName = "s") => ({
  deploymentKey: "acme-data/prod",
  scheduleName,
  interval,
  enabled,
});

describe("schedule timing (rules 29-32, 42, 43)", () => {
  it("rule 29: given a disabled schedule, then no tick is due", () => {
    expect(dueTicks({ schedules: [schedule("@hourly", false)], from: FROM, to: DAY_LATER })).toEqual([]);
  });

  it("rule 29: given an enabled cron schedule, then it runs at its UTC cron ticks shifted by one offset within ±7 minutes", () => {
    const offset = scheduleOffsetMinutes("acme-data/prod", "every-6h");
    expect(Math.abs(offset)).toBeLessThanOrEqual(MAX_SCHEDULE_OFFSET_MINUTES);
    const ticks = nextScheduledTicks({ deploymentKey: "acme-data/prod", scheduleName: "every-6h", interval: "0 */6 * * *" }, FROM, 8);
    const unshifted = ticks.map((at) => Date.parse(at) - offset * MINUTE_MS);
    expect(unshifted.every((at) => at % (6 * 3_600_000) === 0)).toBe(true);
    expect(unshifted.slice(1).map((at, i) => at - (unshifted[i] as number))).toEqual(Array(7).fill(6 * 3_600_000));
  });

  it("rule 29: the offset is a property of the (deployment, schedule) pair: the same pair always gets the same one", () => {
    const offsets = ["a", "b", "c", "d", "e", "f", "g", "h"].map((name) => scheduleOffsetMinutes("acme-data/prod", name));
    expect(offsets).toEqual(["a", "b", "c", "d", "e", "f", "g", "h"].map((name) => scheduleOffsetMinutes("acme-data/prod", name)));
    expect(offsets.every((minutes) => Number.isInteger(minutes) && Math.abs(minutes) <= 7)).toBe(true);
  });

  it.each(["@once", "@manual", "@none", "@ONCE"])("rule 30: given %s, then it is manual only: no ticks and 0 runs a day", (interval) => {
    expect(parseInterval(interval)).toMatchObject({ ok: true, value: { kind: "manual" } });
    expect(runsPerDayLabel(interval, FROM)).toBe("0");
    expect(nextScheduledTicks({ deploymentKey: "d", scheduleName: "s", interval }, FROM, 3)).toEqual([]);
  });

  it.each([
    ["@hourly", "0 * * * *"],
    ["@daily", "0 0 * * *"],
    ["@weekly", "0 0 * * 0"],
    ["@monthly", "0 0 1 * *"],
    ["@yearly", "0 0 1 1 *"],
  ])("rule 31: given the alias %s, then it means the cron %s", (alias, cron) => {
    expect(runsPerDay(alias, FROM)).toBe(runsPerDay(cron, FROM));
    expect(parseInterval(alias)).toMatchObject({ ok: true, value: { kind: "cron" } });
  });

  it.each(["@fortnightly", "every day", "61 * * * *", "0 0 31 2 *"])(
    "rule 31: given %j, then it is refused with Meltano's text",
    (interval) => {
      expect(parseInterval(interval)).toEqual({
        ok: false,
        error: {
          kind: "invalid-interval",
          interval,
          message: `Invalid Cron expression or alias: '${interval}'. Please use a valid cron expression`,
        },
      });
    },
  );

  it("rule 32: runs a day are the next 365 days' ticks / 365, one decimal, '< 1' below one", () => {
    expect(runsPerDayLabel("*/15 * * * *", FROM)).toBe("96.0");
    expect(runsPerDayLabel("@daily", FROM)).toBe("1.0");
    expect(runsPerDayLabel("0 0,12 * * 1-5", FROM)).toBe("1.4");
    expect(runsPerDayLabel("@weekly", FROM)).toBe("< 1");
    expect(runsPerDay("@weekly", FROM)).toBe(52 / 365);
  });

  it("rule 42: given 24 or more runs a day, then a schedule is frequent; below that it is not", () => {
    expect(isFrequentSchedule("@hourly", FROM)).toBe(true);
    expect(isFrequentSchedule("0 0-22 * * *", FROM)).toBe(false);
    expect(isFrequentSchedule("@manual", FROM)).toBe(false);
  });

  it("rule 43: given a cron firing every minute, then at most one run falls in any 15 minutes", () => {
    const ticks = dueTicks({ schedules: [schedule("* * * * *", true)], from: FROM, to: DAY_LATER }).map((tick) => Date.parse(tick.at));
    expect(ticks.length).toBeGreaterThanOrEqual(95);
    expect(ticks.length).toBeLessThanOrEqual(96);
    for (let i = 1; i < ticks.length; i++) expect((ticks[i] as number) - (ticks[i - 1] as number)).toBeGreaterThanOrEqual(15 * MINUTE_MS);
  });
});
