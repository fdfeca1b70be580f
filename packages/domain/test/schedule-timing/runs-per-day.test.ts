import { describe, expect, it } from "vitest";
import { isFrequentSchedule, runsPerDay, runsPerDayLabel } from "@cloud-ledger/domain";

const FROM = "2026-11-30T10:17:42.123Z";

describe("runs per day, as the Meltano Cloud CLI labels it", () => {
  it.each([
    ["1 2 * * *", "1.0"],
    ["15,45 */2 * * 1,3,5", "10.3"],
    ["0 0 * * 1,3,5", "< 1"],
    ["@once", "0"],
    ["@manual", "0"],
    ["@none", "0"],
    ["@hourly", "24.0"],
    ["@daily", "1.0"],
    ["@weekly", "< 1"],
    ["* * * * *", "1440.0"],
    ["*/15 * * * *", "96.0"],
    ["0,30 * * * *", "48.0"],
    ["* 14 * * *", "60.0"],
    ["0 */4 * * *", "6.0"],
    // Minutes 0, 23, 46 for 10 hours on the 261 weekdays of the 365 days from Monday 30 Nov: 7830 / 365 = 21.45.
    ["*/23 13-22 * * 1-5", "21.5"],
  ])("%s → %s", (interval, label) => {
    expect(runsPerDayLabel(interval, FROM)).toBe(label);
  });

  it("counts both ends of the 365 days, like croniter_range", () => {
    // 2026-01-01T00:00Z is a tick and so is 2027-01-01T00:00Z, 365 days later: 366 ticks.
    expect(runsPerDay("@daily", "2026-01-01T00:00:00.000Z")).toBeCloseTo(366 / 365, 12);
  });

  it("counts from the start (UTC) of the day `from` falls on: the same for every instant of that day", () => {
    // From the instant, 00:00:00.001 would miss that day's midnight tick (365 ticks, 1.0 a day); from the day's start
    // it is counted, like the billing class of a run started that day (rule 42).
    expect(runsPerDay("@daily", "2026-01-01T00:00:00.001Z")).toBeCloseTo(366 / 365, 12);
    expect(runsPerDay("@daily", "2026-01-01T23:59:59.999Z")).toBeCloseTo(366 / 365, 12);
    // 23:30 at UTC-01:00 is 00:30 UTC the next day: that day's count, not the local one's.
    expect(runsPerDay("0 0 * * 5", "2026-01-01T23:30:00-01:00")).toBe(runsPerDay("0 0 * * 5", "2026-01-02T00:00:00Z"));
    // Friday 2 January 2026: 53 Fridays in the 365 days from its midnight (both ends), 52 from any later instant of it.
    expect(runsPerDay("0 0 * * 5", "2026-01-02T12:00:00Z")).toBeCloseTo(53 / 365, 12);
    for (const at of ["2026-11-30T00:00:00Z", "2026-11-30T10:17:42.123Z", "2026-11-30T23:59:59.999Z"]) {
      expect(runsPerDayLabel("15,45 */2 * * 1,3,5", at)).toBe("10.3");
      expect(isFrequentSchedule("*/59 * * * *", at)).toBe(true);
    }
    expect(() => runsPerDay("@daily", "yesterday")).toThrow(RangeError);
  });

  it("counts leap days and month ends through cron-parser's calendar", () => {
    // 2027-11-30T00:00 → 2028-11-29T00:00 holds 29 February 2028 and the month ends from November 2027 to
    // October 2028 (12, with 29 February as February's last day; 30 November 2028 is past the end).
    expect(runsPerDay("0 0 29 2 *", "2027-11-30T00:00:00Z")).toBeCloseTo(1 / 365, 12);
    expect(runsPerDay("0 0 L * *", "2027-11-30T00:00:01Z")).toBeCloseTo(12 / 365, 12);
    expect(runsPerDay("0 0 L 2 *", "2027-11-30T00:00:01Z")).toBeCloseTo(1 / 365, 12);
  });

  it("calls a schedule frequent from 24 runs a day", () => {
    expect(isFrequentSchedule("@hourly", FROM)).toBe(true);
    expect(isFrequentSchedule("0 0-22 * * *", FROM)).toBe(false);
    expect(isFrequentSchedule("@once", FROM)).toBe(false);
  });

  it("labels a year of ticks without stepping through them: 60 distinct daily intervals in under 1.5 s (stepping took ~3 s)", () => {
    // `schedule list` labels every distinct interval of a project on each call; stepping cron-parser from one
    // matching day to the next took ~60 ms per interval (bench/NOTES.md), testing each day ~5 ms.
    const intervals = Array.from({ length: 60 }, (_, index) => `${index} ${index % 24} * * *`);
    const started = performance.now();
    for (const interval of intervals) expect(runsPerDayLabel(interval, FROM)).toBe("1.0");
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
