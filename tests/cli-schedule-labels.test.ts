import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAcmeGitRepository, json, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";
import { ensurePackagesBuilt } from "./support/build-packages.js";

// Issue 13 through the built CLI: `schedule list` keeps its "Runs / Day" labels in the store's read-model rows, one
// row per (UTC day, interval), reads them back on the next call, and counts again for a row that holds no label.
let home: string;
let repository: string;
let scenario: ScenarioOptions;
const storeFile = (): string => path.join(home, "ledger.sqlite");

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-labels-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  scenario = { home, repository };
  playAcmeScenario(scenario);
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

type Cell = { deployment: string; schedule: string; interval: string; enabled: boolean; runsPerDay: string };
const labelsOf = (cells: readonly Cell[]): Record<string, string> => Object.fromEntries(cells.map((c) => [c.interval, c.runsPerDay]));

function withDatabase<T>(use: (db: Database.Database) => T): T {
  const db = new Database(storeFile());
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** The newest day's cached label row of an interval, as stored (JSON text). */
const cachedText = (interval: string): string | undefined =>
  withDatabase(
    (db) =>
      db
        .prepare("SELECT value FROM read_model_rows WHERE model = 'runs-per-day-label' AND substr(key, 12) = ? ORDER BY sort DESC LIMIT 1")
        .pluck()
        .get(interval) as string | undefined,
  );
const overwriteCached = (interval: string, text: string): void =>
  withDatabase((db) => {
    const changed = db
      .prepare("UPDATE read_model_rows SET value = ? WHERE model = 'runs-per-day-label' AND substr(key, 12) = ?")
      .run(text, interval).changes;
    expect(changed).toBeGreaterThan(0);
  });

describe("schedule list's runs/day labels in the read-model rows", { timeout: 300_000 }, () => {
  it("writes each interval's label on the first list, keyed by the UTC day and the exact interval", () => {
    const cells = json<Cell[]>(["schedule", "list"], scenario);
    expect(labelsOf(cells)).toEqual({ "0 6 * * *": "1.0", "@hourly": "24.0", "@once": "0" });
    for (const [interval, label] of Object.entries(labelsOf(cells))) expect(cachedText(interval)).toBe(JSON.stringify(label));
    const keys = withDatabase((db) => db.prepare("SELECT key FROM read_model_rows WHERE model = 'runs-per-day-label'").pluck().all());
    for (const key of keys) expect(key).toMatch(/^\d{4}-\d{2}-\d{2} (0 6 \* \* \*|@hourly|@once)$/);
  });

  it("reads the labels back from the rows on the next list, matrix and describe of the day", () => {
    // A label no count gives: shown only if it was read from the row.
    overwriteCached("@hourly", JSON.stringify("7.0"));
    expect(labelsOf(json<Cell[]>(["schedule", "list"], scenario))["@hourly"]).toBe("7.0");
    const matrix = json<{ schedule: string; deployments: Record<string, Cell | null> }[]>(["schedule", "matrix"], scenario);
    const hourly = matrix.flatMap((row) => Object.values(row.deployments)).find((cell) => cell?.interval === "@hourly");
    expect(hourly?.runsPerDay).toBe("7.0");
    overwriteCached("@hourly", JSON.stringify("24.0"));
  });

  it.each([
    ["text that is not JSON", "{not json"],
    ["a number", "24"],
    ["a string that is no label", JSON.stringify("24")],
  ])("counts again, and rewrites, a row holding %s", (_what, text) => {
    const before = json<Cell[]>(["schedule", "list"], scenario);
    overwriteCached("@hourly", text);
    expect(json<Cell[]>(["schedule", "list"], scenario)).toEqual(before);
    expect(cachedText("@hourly")).toBe(JSON.stringify("24.0"));
  });

  it("answers --as-of now exactly like the persisted rows, and --json unchanged in shape", () => {
    const now = json<Cell[]>(["schedule", "list"], scenario);
    expect(json<Cell[]>(["schedule", "list", "--as-of", new Date(Date.now() + 60_000).toISOString()], scenario)).toEqual(now);
    for (const cell of now) expect(Object.keys(cell).sort()).toEqual(["deployment", "enabled", "interval", "runsPerDay", "schedule"]);
  });
});
