import { describe, expect, it } from "vitest";
import { nextRuns } from "@cloud-ledger/domain";

describe("nextRuns", () => {
  it("lists the next cron ticks strictly after `from`, in UTC", () => {
    expect(nextRuns("15,45 */2 * * 1,3,5", "2026-11-30T10:15:00.000Z", 4)).toEqual([
      "2026-11-30T10:45:00.000Z",
      "2026-11-30T12:15:00.000Z",
      "2026-11-30T12:45:00.000Z",
      "2026-11-30T14:15:00.000Z",
    ]);
  });

  it("crosses days, months and years", () => {
    expect(nextRuns("@monthly", "2026-11-30T10:00:00Z", 3)).toEqual([
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
      "2027-02-01T00:00:00.000Z",
    ]);
    expect(nextRuns("0 0 * * 7", "2026-12-01T00:00:00Z", 1)).toEqual(["2026-12-06T00:00:00.000Z"]);
  });

  it("applies the day-of-month / day-of-week OR rule when both are restricted", () => {
    // 1 Jan 2026 is a Thursday: the 1st matches the day of month, Monday the 5th matches the day of week.
    expect(nextRuns("0 0 1 * 1", "2025-12-31T12:00:00Z", 3)).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-05T00:00:00.000Z",
      "2026-01-12T00:00:00.000Z",
    ]);
  });

  it("has none for manual-only intervals or a zero count", () => {
    expect(nextRuns("@once", "2026-11-30T10:00:00Z", 5)).toEqual([]);
    expect(nextRuns("@daily", "2026-11-30T10:00:00Z", 0)).toEqual([]);
  });
});
