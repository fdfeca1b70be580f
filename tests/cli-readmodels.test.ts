import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROW_MODELS_VERSION } from "@cloud-ledger/projections";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";
import { ensurePackagesBuilt } from "./support/build-packages.js";

// Issue 13 through the built CLI: persisted read models in the SQLite file, paging, schedule list --as-of, and the
// audit trail naming the schedule an enable/disable changed.
let home: string;
let repository: string;
let scenario: ScenarioOptions;
const storeFile = (): string => path.join(home, "ledger.sqlite");

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-rows-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  scenario = { home, repository };
  playAcmeScenario(scenario);
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

type Cell = { deployment: string; schedule: string; enabled: boolean };
const cells = (rows: readonly Cell[]): string[] => rows.map((c) => `${c.deployment}/${c.schedule}/${String(c.enabled)}`);

describe("persisted read models through the CLI", { timeout: 300_000 }, () => {
  it("keeps the rows and their checkpoint in the store's file, at the head after a read", () => {
    ok(["org", "list"], scenario);
    const db = new Database(storeFile(), { readonly: true });
    try {
      const checkpoint = db.prepare("SELECT version, position FROM read_model_checkpoint").get() as { version: string; position: number };
      const head = db.prepare("SELECT max(position) AS head FROM events").get() as { head: number };
      expect(checkpoint.version).toBe(ROW_MODELS_VERSION);
      expect(checkpoint.position).toBe(head.head);
      expect((db.prepare("SELECT count(*) AS n FROM read_model_rows WHERE model = 'execution'").get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it("rebuilds rows of another version and answers exactly as before", () => {
    const before = json<unknown[]>(["schedule", "list"], scenario);
    const db = new Database(storeFile());
    try {
      db.prepare("UPDATE read_model_checkpoint SET version = 'rows-0'").run();
      db.prepare("DELETE FROM read_model_rows WHERE model = 'schedules'").run();
    } finally {
      db.close();
    }
    expect(json<unknown[]>(["schedule", "list"], scenario)).toEqual(before);
    const after = new Database(storeFile(), { readonly: true });
    try {
      expect((after.prepare("SELECT version FROM read_model_checkpoint").get() as { version: string }).version).toBe(ROW_MODELS_VERSION);
    } finally {
      after.close();
    }
  });

  it("pages lists (rule 54): --limit truncates with a cursor, --after continues, the pages join up", () => {
    const all = json<Cell[]>(["schedule", "list"], scenario);
    expect(all.length).toBe(5);
    const first = ok(["schedule", "list", "--limit", "2", "--json"], scenario);
    expect(first.stderr).toContain("Output truncated. To print more items, increase the limit using the --limit option.");
    const cursor = /--after '([^']+)'/.exec(first.stderr)?.[1] ?? "";
    const second = ok(["schedule", "list", "--limit", "10", "--after", cursor, "--json"], scenario);
    expect(second.stderr).not.toContain("Output truncated");
    expect([...cells(JSON.parse(first.stdout) as Cell[]), ...cells(JSON.parse(second.stdout) as Cell[])]).toEqual(cells(all));
  });

  it("names the schedule an enable changed in the audit trail, and schedule list --as-of shows it before and after", () => {
    const trail = json<{ action: string; occurredAt: string; schedule?: string }[]>(["audit", "trail", "--entity", "deployment"], scenario);
    const enabled = trail.find((entry) => entry.action === "ScheduleEnabled");
    expect(enabled?.schedule).toBe("daily-transforms");
    expect(ok(["audit", "trail", "--entity", "deployment"], scenario).stdout).toContain("schedule 'daily-transforms' of deployment 'prod'");
    const at = Date.parse(enabled?.occurredAt ?? "");
    const before = json<Cell[]>(["schedule", "list", "--as-of", new Date(at - 1).toISOString()], scenario);
    expect(cells(before)).toContain("prod/daily-transforms/false");
    const since = json<Cell[]>(["schedule", "list", "--as-of", new Date(at).toISOString()], scenario);
    expect(cells(since)).toContain("prod/daily-transforms/true");
    // Time travel to now agrees with the persisted rows.
    expect(json<Cell[]>(["schedule", "list", "--as-of", new Date(Date.now() + 60_000).toISOString()], scenario)).toEqual(
      json<Cell[]>(["schedule", "list"], scenario),
    );
  });
});
