import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt, REPOSITORY_ROOT } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";

// `cloud-ledger demo` (and `pnpm demo`, the README's quickstart): the story, the matrix, the trail, audit verify — and no leftovers.
let home: string;
const demoFolders = (): Set<string> => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("cloud-ledger-demo-")));

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-demo-"));
  ensurePackagesBuilt();
}, 900_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("cloud-ledger demo", { timeout: 300_000 }, () => {
  it("tells the Acme story (a schedule firing on its own, a push redeploying), the matrix, the trail, and passes audit verify", () => {
    const before = demoFolders();
    const run = runCli(["demo"], { home });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("creates the organization 'acme'");
    expect(run.stdout).toContain("bob-acme enables daily-transforms on prod only");
    expect(run.stdout).toMatch(/the platform regenerates the project's internal ID [0-9A-Z]{26} → [0-9A-Z]{26}/);
    const matrixRow = run.stdout.split("\n").find((line) => line.startsWith("│ daily-transforms"));
    expect(matrixRow?.replace(/\s+/g, " ")).toBe("│ daily-transforms │ 0 6 * * * │ enabled │ disabled │");
    expect(run.stdout).toMatch(/│ system:runner +│ ExecutionFinished/);
    // The scheduler fires on its own with a fast fake clock, records what an outage skipped, and a push redeploys.
    for (const hour of ["10:00", "11:00", "12:00", "18:00"])
      expect(run.stdout).toContain(`requests hourly-github-sync on prod for its ${hour} tick`);
    expect(run.stdout).toContain("records 5 ticks of hourly-github-sync on prod as missed (13:00 .. 17:00)");
    expect(run.stdout).toMatch(/a push to main \(commit [0-9a-f]{7}, only a plugin's config changed\) redeploys prod and staging/);
    expect(run.stdout).toMatch(/│ system:scheduler +│ ScheduledTicksMissed/);
    expect(run.stdout).toMatch(/│ system:github-webhook +│ DeploymentRedeployed/);
    expect(run.stdout).toMatch(/Audit passed: \d+ events in \d+ streams\./);
    expect(readdirSync(home)).toEqual([]);
    expect(demoFolders()).toEqual(before);
  });

  it("tells the same story every time (seeded ids and clock), as JSON too", () => {
    type Entry = { position: number; occurredAt: string; actor: string; action: string; entity: { kind: string } };
    const first = JSON.parse(runCli(["demo", "--format", "json"], { home }).stdout) as {
      story: string[];
      auditTrail: Entry[];
      audit: { ok: boolean };
    };
    const second = JSON.parse(runCli(["demo", "--json"], { home }).stdout) as typeof first;
    const withoutFolders = (story: string[]): string[] => story.map((line) => line.replace(/cloud-ledger-demo-[^/]+/, "<tmp>"));
    expect(withoutFolders(first.story)).toEqual(withoutFolders(second.story));
    // Project keys derive from the repository URL, i.e. the temporary folder; everything else repeats exactly.
    const shape = (trail: Entry[]) =>
      trail.map((entry) => [entry.position, entry.occurredAt, entry.actor, entry.action, entry.entity.kind]);
    expect(shape(first.auditTrail)).toEqual(shape(second.auditTrail));
    expect(first.audit.ok).toBe(true);
  });

  it("--keep leaves a store the other commands can open", () => {
    const kept = JSON.parse(runCli(["demo", "--json", "--keep"], { home }).stdout) as { folder: string; store: string };
    try {
      expect(existsSync(path.join(kept.folder, "ledger.sqlite"))).toBe(true);
      const verify = runCli(["audit", "verify", "--store", kept.store], { home });
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(/^Audit passed/);
    } finally {
      rmSync(kept.folder, { recursive: true, force: true });
    }
  });

  it("`pnpm demo` runs from the repository root and leaves nothing in the checkout", () => {
    const stateFolder = path.join(REPOSITORY_ROOT, ".cloud-ledger");
    const hadStateFolder = existsSync(stateFolder);
    const output = execFileSync("pnpm", ["-s", "demo"], {
      cwd: REPOSITORY_ROOT,
      encoding: "utf8",
      env: { ...process.env, CLOUD_LEDGER_HOME: "" },
    });
    expect(output).toMatch(/Audit passed/);
    expect(existsSync(stateFolder)).toBe(hadStateFolder);
  });
});
