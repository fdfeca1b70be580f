import { describe, expect, it } from "vitest";
import { utcDayOf, utcDayStartMs } from "@cloud-ledger/domain";

describe("the UTC day runs per day are counted from", () => {
  it("is the day the instant falls on in UTC, whatever its offset", () => {
    expect(utcDayOf("2026-11-30T00:00:00.000Z")).toBe("2026-11-30");
    expect(utcDayOf("2026-11-30T23:59:59.999Z")).toBe("2026-11-30");
    expect(utcDayOf("2026-11-30T23:30:00-01:00")).toBe("2026-12-01");
    expect(utcDayOf("2026-12-01T00:30:00+01:00")).toBe("2026-11-30");
  });

  it("starts at midnight UTC, and refuses what is not an instant or a day", () => {
    expect(new Date(utcDayStartMs("2028-02-29")).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(() => utcDayOf("soon")).toThrow("Not an ISO-8601 instant: 'soon'");
    expect(() => utcDayStartMs("2027-02-29")).toThrow(RangeError);
    expect(() => utcDayStartMs("2026-11-30T00:00:00Z")).toThrow(RangeError);
  });
});
