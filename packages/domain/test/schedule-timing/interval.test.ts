import { describe, expect, it } from "vitest";
import {
  InvalidIntervalError,
  MELTANO_CRON_ALIASES,
  nextRuns,
  parseInterval,
  runsPerDayLabel,
  toScheduleInterval,
} from "@cloud-ledger/domain";

describe("parseInterval", () => {
  it("expands Meltano's aliases to their cron expressions", () => {
    expect(parseInterval("@weekly")).toEqual({ ok: true, value: { kind: "cron", raw: "@weekly", cron: "0 0 * * 0" } });
    expect(Object.keys(MELTANO_CRON_ALIASES).sort()).toEqual([
      "@annually",
      "@daily",
      "@hourly",
      "@midnight",
      "@monthly",
      "@weekly",
      "@yearly",
    ]);
  });

  it("reads @once, @manual and @none as manual-only, in any case", () => {
    for (const raw of ["@once", "@manual", "@none", "@ONCE"])
      expect(parseInterval(raw)).toEqual({ ok: true, value: { kind: "manual", raw } });
  });

  it("rewrites names, 7, ? and wrap-around weekday ranges for cron-parser", () => {
    const cron = (raw: string) => {
      const parsed = parseInterval(raw);
      return parsed.ok && parsed.value.kind === "cron" ? parsed.value.cron : undefined;
    };
    expect(cron("0 0 ? JAN-mar SUN")).toBe("0 0 * 1-3 0");
    expect(cron("0 0 * * 7")).toBe("0 0 * * 0");
    expect(cron("0 0 * * 7-7")).toBe("0 0 * * 0");
    expect(cron("0 0 * * sat-mon")).toBe("0 0 * * 6-6,0-1");
    expect(cron("0 0 l * *")).toBe("0 0 L * *");
    expect(cron("  0   12 * *   1-5/2 ")).toBe("0 12 * * 1-5/2");
  });

  it("does not mistake inherited object keys for aliases", () => {
    for (const raw of ["constructor", "__proto__", "toString", "hasOwnProperty"]) expect(parseInterval(raw).ok).toBe(false);
  });

  it("returns a typed error with the rulebook's text", () => {
    expect(parseInterval("every day")).toEqual({
      ok: false,
      error: {
        kind: "invalid-interval",
        interval: "every day",
        message: "Invalid Cron expression or alias: 'every day'. Please use a valid cron expression",
      },
    });
  });

  it("makes the timing functions throw InvalidIntervalError on an invalid interval", () => {
    expect(() => toScheduleInterval("61 * * * *")).toThrow(InvalidIntervalError);
    expect(() => nextRuns("nope", "2026-01-01T00:00:00Z", 1)).toThrow(/Invalid Cron expression or alias: 'nope'/);
    expect(() => runsPerDayLabel("* * * *", "2026-01-01T00:00:00Z")).toThrow(InvalidIntervalError);
  });

  it("rejects a malformed instant with a RangeError naming it", () => {
    expect(() => nextRuns("@daily", "yesterday", 1)).toThrow(/Not an ISO-8601 instant: 'yesterday'/);
  });
});
