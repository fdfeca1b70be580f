import { describe, expect, it } from "vitest";
import { executionDuration, executionResult, historyQueryFromCli, parseLookback } from "../../src/index.js";

const NOW = "2023-06-10T12:00:00Z";
const since = (lookback: string) => {
  const parsed = historyQueryFromCli({ lookback }, NOW);
  return parsed._tag === "Right" ? parsed.right.since : parsed.left.message;
};

describe("history rules (rulebook §3.6, rules 38-41)", () => {
  it("Result: Running unless STOPPED or DELETED; then Success iff exit code 0", () => {
    expect(executionResult("PENDING", null)).toBe("Running");
    expect(executionResult("RUNNING", 0)).toBe("Running");
    expect(executionResult("STOPPED", 0)).toBe("Success");
    expect(executionResult("STOPPED", 1)).toBe("Failed");
    expect(executionResult("STOPPED", null)).toBe("Failed");
    expect(executionResult("DELETED", 0)).toBe("Success");
  });

  it("Duration: HH:MM:SS, hours past a day keep counting, N/A without an end", () => {
    expect(executionDuration("2023-01-01T00:00:00Z", null)).toBe("N/A");
    expect(executionDuration("2023-01-01T00:00:00Z", "2023-01-01T00:00:59.999Z")).toBe("00:00:59");
    expect(executionDuration("2023-01-01T00:00:00Z", "2023-01-02T01:02:03+00:00")).toBe("25:02:03");
  });

  it("lookback: weeks (<=3 digits), days 1-6, hours and minutes (<=2 digits), in that order", () => {
    const ms = (text: string) => {
      const r = parseLookback(text);
      return r._tag === "Right" ? r.right : r.left;
    };
    expect(ms("1w")).toBe(7 * 86_400_000);
    expect(ms("3d")).toBe(3 * 86_400_000);
    expect(ms("12h")).toBe(12 * 3_600_000);
    expect(ms("30m")).toBe(30 * 60_000);
    expect(ms("1w2d3h4m")).toBe(((9 * 24 + 3) * 60 + 4) * 60_000);
    expect(ms("999w")).toBe(999 * 7 * 86_400_000);
    for (const bad of ["", "7d", "0d", "1000w", "100h", "2h1d", "1x", "1 w", "-1w"]) {
      expect(ms(bad)).toBe(`Invalid value for '--lookback': Invalid lookback expression: ${bad}`);
    }
    expect(since("1d")).toBe("2023-06-09T12:00:00.000Z");
  });

  it("CLI options: at most one filter per dimension, a known result, a positive limit", () => {
    expect(historyQueryFromCli({ schedule: "a", scheduleContains: "b" }, NOW)).toEqual({
      _tag: "Left",
      left: { code: "conflicting-filters", message: "Only one of --schedule, --schedule-prefix, or --schedule-contains can be specified." },
    });
    expect(historyQueryFromCli({ deploymentPrefix: "a", deploymentContains: "b" }, NOW)).toMatchObject({
      left: {
        code: "conflicting-filters",
        message: "Only one of --deployment, --deployment-prefix, or --deployment-contains can be specified.",
      },
    });
    expect(historyQueryFromCli({ result: "Success" }, NOW)).toMatchObject({
      left: { code: "invalid-result", message: "Invalid value for '--result': 'Success' is not one of 'success', 'failed', 'running'." },
    });
    expect(historyQueryFromCli({ limit: 0 }, NOW)).toMatchObject({ left: { code: "invalid-limit" } });
    expect(historyQueryFromCli({ lookback: "1d" }, "now")).toMatchObject({ left: { code: "invalid-now" } });
    expect(historyQueryFromCli({ schedulePrefix: "daily", deployment: "prod", result: "failed", limit: 5 }, NOW)).toEqual({
      _tag: "Right",
      right: { schedule: { prefix: "daily" }, deployment: { exact: "prod" }, result: "failed", limit: 5 },
    });
  });
});
