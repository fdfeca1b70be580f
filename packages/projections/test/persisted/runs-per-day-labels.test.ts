import { describe, expect, it } from "vitest";
import { runsPerDayLabel, type ReadModelRowStore, type RowCheckpoint, type RowWrite } from "@cloud-ledger/domain";
import { createMemoryRowStore, rowsReader, runsPerDayLabels, scheduleList, type ScheduleMatrixState } from "../../src/index.js";

const MODEL = "runs-per-day-label";
const CHECKPOINT: RowCheckpoint = { version: "test", position: 7 };
const NOW = "2026-11-30T10:17:42.123Z";
const DAY = 20_787; // 2026-11-30, in days since 1970-01-01

async function storeWith(writes: readonly RowWrite[] = []): Promise<ReadModelRowStore> {
  const rows = createMemoryRowStore();
  expect(await rows.commit(undefined, CHECKPOINT, writes, false)).toBe(true);
  return rows;
}

const labelRow = (day: string, interval: string, value: unknown, sort = DAY): RowWrite => ({
  model: MODEL,
  scope: "",
  key: `${day} ${interval}`,
  sort,
  value: value as RowWrite["value"],
});

describe("the runs/day label cache in the read-model rows", () => {
  it("counts what it lacks, writes it keyed by (UTC day, exact interval), and leaves the checkpoint where it was", async () => {
    const rows = await storeWith();
    const labels = await runsPerDayLabels(rows, ["@daily", "*/15 * * * *", "@DAILY", "@manual", "not cron", "@daily"], NOW);
    expect(Object.fromEntries(labels)).toEqual({
      "@daily": "1.0",
      "*/15 * * * *": "96.0",
      "@DAILY": "1.0",
      "@manual": "0",
      "not cron": "invalid",
    });
    expect(await rows.get(MODEL, "", "2026-11-30 */15 * * * *")).toBe("96.0");
    expect(await rows.get(MODEL, "", "2026-11-30 @DAILY")).toBe("1.0");
    expect(await rows.get(MODEL, "", "2026-11-30 not cron")).toBe("invalid");
    expect((await rows.scan(MODEL, "", { order: "asc", limit: 10 })).map((r) => r.sort)).toEqual(Array(5).fill(DAY));
    expect(await rows.checkpoint()).toEqual(CHECKPOINT);
  });

  it("answers a later call on the same UTC day from the rows, and another day's from a new count", async () => {
    // A label no count would give, so the answer can only have come from the row.
    const rows = await storeWith([labelRow("2026-11-30", "@daily", "7.0")]);
    expect((await runsPerDayLabels(rows, ["@daily"], "2026-11-30T23:59:59.999Z")).get("@daily")).toBe("7.0");
    expect((await runsPerDayLabels(rows, ["@daily"], "2026-11-30T23:30:00-01:00")).get("@daily")).toBe("1.0");
    expect(await rows.get(MODEL, "", "2026-12-01 @daily")).toBe("1.0");
  });

  it.each([
    ["a number", 96],
    ["an unrounded count", "1.05"],
    ["a label below one written as a decimal", "0.4"],
    ["an empty string", ""],
    ["an object", { label: "1.0" }],
    ["null", null],
  ])("counts again, and overwrites, a row holding %s instead of a label", async (_what, value) => {
    const rows = await storeWith([labelRow("2026-11-30", "@daily", value)]);
    expect((await runsPerDayLabels(rows, ["@daily"], NOW)).get("@daily")).toBe("1.0");
    expect(await rows.get(MODEL, "", "2026-11-30 @daily")).toBe("1.0");
  });

  it("counts again when the row cannot be read at all (text that is not JSON in a SQL store)", async () => {
    const rows = await storeWith();
    const unreadable: ReadModelRowStore = {
      ...rows,
      get: (model, scope, key) => (model === MODEL ? Promise.reject(new Error("not JSON")) : rows.get(model, scope, key)),
      scan: (model, scope, scan) => (model === MODEL ? Promise.reject(new Error("not JSON")) : rows.scan(model, scope, scan)),
    };
    expect((await runsPerDayLabels(unreadable, ["@hourly"], NOW)).get("@hourly")).toBe("24.0");
    expect(await rows.get(MODEL, "", "2026-11-30 @hourly")).toBe("24.0");
  });

  it("prunes the days before yesterday when it writes", async () => {
    const rows = await storeWith([
      labelRow("2026-11-27", "@daily", "1.0", DAY - 3),
      labelRow("2026-11-28", "@daily", "1.0", DAY - 2),
      labelRow("2026-11-29", "@daily", "1.0", DAY - 1),
    ]);
    await runsPerDayLabels(rows, ["@hourly"], NOW);
    expect((await rows.scan(MODEL, "", { order: "asc", limit: 10 })).map((r) => r.key)).toEqual([
      "2026-11-29 @daily",
      "2026-11-30 @hourly",
    ]);
  });

  it("writes nothing when another process moved the checkpoint meanwhile, and still answers", async () => {
    const rows = await storeWith();
    const moved: ReadModelRowStore = {
      ...rows,
      checkpoint: async () => {
        const current = await rows.checkpoint();
        await rows.commit(current, { version: "test", position: 8 }, [], false);
        return current;
      },
    };
    expect((await runsPerDayLabels(moved, ["@daily"], NOW)).get("@daily")).toBe("1.0");
    expect(await rows.get(MODEL, "", "2026-11-30 @daily")).toBeUndefined();
  });

  it("refuses a `from` that is not an instant, writing nothing", async () => {
    const rows = await storeWith();
    await expect(runsPerDayLabels(rows, ["@daily"], "soon")).rejects.toThrow("'from' must be an ISO-8601 instant");
    expect(await rows.scan(MODEL, "", { order: "asc", limit: 10 })).toEqual([]);
  });

  it("gives the persisted reader the labels a full replay computes, and a second list reads them from the rows", async () => {
    const cells: [string, string, boolean][] = [
      ["daily", "@daily", true],
      ["often", "*/10 9-17 * * 1-5", false],
      ["broken", "61 * * * *", false],
    ];
    const rows = await storeWith([{ model: "schedules", scope: "1/p1", key: "prod", sort: 0, value: cells }]);
    const reader = rowsReader(rows, 7);
    const first = await reader.schedules("1", "p1", { from: NOW });
    const deployments = new Map([["prod", new Map(cells.map(([name, interval, enabled]) => [name, { interval, enabled }]))]]);
    const state = new Map([["1", new Map([["p1", deployments]])]]) as ScheduleMatrixState;
    expect(first.rows).toEqual(scheduleList(state, "1", "p1", { from: NOW }));
    expect(first.rows.map((c) => [c.schedule, c.runsPerDay])).toEqual([
      ["broken", "invalid"],
      ["daily", "1.0"],
      ["often", runsPerDayLabel("*/10 9-17 * * 1-5", NOW)],
    ]);
    await rows.commit(CHECKPOINT, CHECKPOINT, [labelRow("2026-11-30", "@daily", "3.0")], false);
    const second = await reader.schedules("1", "p1", { from: "2026-11-30T20:00:00Z" });
    expect(second.rows.find((c) => c.schedule === "daily")?.runsPerDay).toBe("3.0");
    const matrix = await reader.scheduleMatrix("1", "p1", { from: NOW });
    expect(matrix.rows.find((r) => r.schedule === "daily")?.cells[0]?.runsPerDay).toBe("3.0");
  });
});
