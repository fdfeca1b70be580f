import { readFileSync, rmSync, mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// The built CLI against its default store: a SQLite file under $CLOUD_LEDGER_HOME (./.cloud-ledger by default).
let home: string;
let repository: string;
let scenario: ScenarioOptions;
let executionId: string;

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-sqlite-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  scenario = { home, repository };
  ({ executionId } = playAcmeScenario(scenario));
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

describe("cloud-ledger on the default SQLite store", { timeout: 300_000 }, () => {
  it("keeps the store under the home folder", () => {
    expect(existsSync(path.join(home, "ledger.sqlite"))).toBe(true);
  });

  it("shows the schedule matrix: daily-transforms enabled on prod only", () => {
    const matrix = ok(["schedule", "matrix"], scenario).stdout;
    const row = matrix.split("\n").find((line) => line.includes("daily-transforms")) ?? "";
    expect(row.replace(/\s+/g, " ")).toContain("│ daily-transforms │ 0 6 * * * │ enabled │ disabled │");
  });

  it("lists deployments with their tracked rev and short commit, and the default marked", () => {
    const rows = json<{ default: boolean; deployment: string; gitRev: string; shortCommit: string }[]>(["deployment", "list"], scenario);
    expect(rows.map((row) => [row.default, row.deployment, row.gitRev, row.shortCommit.length])).toEqual([
      [true, "prod", "main", 7],
      [false, "staging", "main", 7],
    ]);
    expect(ok(["deployment", "list", "--format", "markdown"], scenario).stdout).toMatch(
      /^\| Default \| Name \| Environment \| Tracked Git Rev \| Current Git Hash \| Last Deployed \(UTC\) \|\n\|---\|/,
    );
  });

  it("audit verify passes on an untouched log", () => {
    const report = json<{ ok: boolean; events: number; streams: number }>(["audit", "verify"], scenario);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(20);
  });

  it("audit trail filters by actor and entity, and --as-of shows the trail as it stood", () => {
    const bobs = json<{ action: string; actor: string }[]>(["audit", "trail", "--actor", "bob", "--entity", "deployment"], scenario);
    expect(bobs.map((entry) => entry.action)).toEqual(["DeploymentCreated", "DeploymentCreated", "ScheduleEnabled"]);
    expect(new Set(bobs.map((entry) => entry.actor))).toEqual(new Set(["github:5830002"]));
    const runner = json<{ action: string }[]>(["audit", "trail", "--execution", executionId], scenario);
    expect(runner.map((entry) => entry.action)).toEqual(["ExecutionRequested", "ExecutionStarted", "ExecutionFinished"]);
    const all = json<{ occurredAt: string; action: string }[]>(["audit", "trail"], scenario);
    const requested = all.find((entry) => entry.action === "ExecutionRequested");
    const before = new Date(Date.parse(requested?.occurredAt ?? "") - 1).toISOString();
    const asOf = json<{ action: string }[]>(["audit", "trail", "--as-of", before], scenario);
    expect(asOf.length).toBeLessThan(all.length);
    expect(asOf.some((entry) => entry.action.startsWith("Execution"))).toBe(false);
  });

  it("exports the log as NDJSON without any secret value, and an import into a new store exports byte-identically", () => {
    const exported = path.join(home, "acme.ndjson");
    ok(["log", "export", "--output", exported], scenario);
    const text = readFileSync(exported, "utf8");
    expect(text.split("\n")[0]).toBe('{"format":"cloud-ledger-ndjson","version":1}');
    expect(text).toContain('"type":"SecretSet"');
    expect(text).not.toContain("ghp_not-a-real-token");

    const copy = { ...scenario, store: `sqlite:${path.join(home, "copy.sqlite")}` };
    expect(ok(["log", "import", exported], copy).stdout).toMatch(/^Imported \d+ events in \d+ streams from /);
    expect(json<{ ok: boolean }>(["audit", "verify"], copy).ok).toBe(true);
    const again = ok(["log", "export"], copy).stdout;
    expect(again).toBe(text);
  });

  it("audit verify reports a tampered event by stream and version, and exits 1", () => {
    const tampered = path.join(home, "tampered.sqlite");
    ok(["log", "import", path.join(home, "acme.ndjson")], { ...scenario, store: `sqlite:${tampered}` });
    const db = new Database(tampered);
    const row = db.prepare("SELECT stream, version, data FROM events WHERE type = 'ScheduleEnabled'").get() as {
      stream: string;
      version: number;
      data: string;
    };
    db.prepare("UPDATE events SET data = ? WHERE stream = ? AND version = ?").run(
      row.data.replace("daily-transforms", "hourly-github-sync"),
      row.stream,
      row.version,
    );
    db.close();
    const run = runCli(["audit", "verify", "--store", `sqlite:${tampered}`], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Error: Audit failed at stream '${row.stream}' version ${row.version}: hash-mismatch: the event is not the one its ` +
        `hash chain vouches for (edited, forged or re-linked)\n`,
    );
  });

  it("shows defaults after `project use` and `deployment use`", () => {
    expect(ok(["project", "use", "--name", "Acme Data Project"], scenario).stdout).toBe(
      "Set 'Acme Data Project' as the default Meltano Cloud project for future commands\n",
    );
    expect(ok(["deployment", "use", "--name", "STAGING"], scenario).stdout).toBe(
      "Set 'staging' as the default Meltano Cloud deployment for future commands\n",
    );
    expect(ok(["schedule", "enable", "--schedule", "hourly-github-sync"], scenario).stdout).toBe(
      "Enabled schedule 'hourly-github-sync' in deployment 'staging'.\n",
    );
    expect(ok(["schedule", "enable", "--schedule", "hourly-github-sync"], scenario).stdout).toBe(
      "Already enabled: schedule 'hourly-github-sync' in deployment 'staging'.\n",
    );
  });

  it("ids regenerate answers from the event it appended, without catching the read models up after it (issue 13)", () => {
    const printed = json<{ entity: string; previousInternalId: string; internalId: string }>(["ids", "regenerate"], scenario);
    const db = new Database(path.join(home, "ledger.sqlite"), { readonly: true });
    try {
      const head = db
        .prepare("SELECT position, data FROM events WHERE type = 'OrganizationIdRegenerated' ORDER BY position DESC")
        .get() as {
        position: number;
        data: string;
      };
      const checkpoint = db.prepare("SELECT position FROM read_model_checkpoint").get() as { position: number };
      expect(printed.internalId).toBe((JSON.parse(head.data) as { internalId: string }).internalId);
      // The read models were caught up to choose the organization, before the append; the answer did not need them.
      expect(checkpoint.position).toBeLessThan(head.position);
    } finally {
      db.close();
    }
    const history = json<{ internalId: string; retiredAt: string | null }[]>(["ids", "history"], scenario);
    expect(history.at(-1)).toMatchObject({ internalId: printed.internalId, retiredAt: null });
    expect(history.at(-2)?.internalId).toBe(printed.previousInternalId);
    // Rule 54: the history pages like every other list; the cursor printed with a truncated page continues it.
    const first = ok(["ids", "history", "--limit", "1", "--json"], scenario);
    expect((JSON.parse(first.stdout) as { internalId: string }[]).map((r) => r.internalId)).toEqual([history[0]?.internalId]);
    const cursor = /--after '([^']+)'/.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const rest = json<{ internalId: string }[]>(["ids", "history", "--after", cursor ?? ""], scenario);
    expect(rest.map((r) => r.internalId)).toEqual(history.slice(1).map((r) => r.internalId));
  });
});
