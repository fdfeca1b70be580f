import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt, REPOSITORY_ROOT } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";

// `cloud-ledger manifest <project-root> [--json]` as a subprocess, on projects written to a temporary folder.
beforeAll(() => ensurePackagesBuilt(), 600_000);

const folders: string[] = [];
function project(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(path.join(tmpdir(), "cloud-ledger-cli-manifest-"));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const NOW = "2026-11-30T10:15:00Z";
const VALID = {
  "meltano.yml": [
    "project_id: 0f7b47e6-7268-4193-9522-1773c1ee9fee",
    "default_environment: dev",
    "include_paths: ['./orchestrate/*.meltano.yml']",
    "environments: [{name: dev}, {name: prod}]",
    "schedules:",
    "- {name: legacy, extractor: tap-a, loader: target-b, transform: run, start_date: 2022-10-01 18:08:45.303947, interval: '@once'}",
    "",
  ].join("\n"),
  "orchestrate/jobs.meltano.yml":
    "jobs: [{name: el, tasks: [tap-a target-b]}]\nschedules: [{name: busy, job: el, interval: '15,45 */2 * * 1,3,5'}]\n",
};

describe("cloud-ledger manifest", () => {
  it("prints the issue's JSON shape, with the Cloud CLI's runs/day and the next 5 runs from --now", () => {
    const run = runCli(["manifest", project(VALID), "--json", "--now", NOW], { home: project({}) });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(JSON.parse(run.stdout)).toEqual({
      projectId: "0f7b47e6-7268-4193-9522-1773c1ee9fee",
      defaultEnvironment: "dev",
      environments: [{ name: "dev" }, { name: "prod" }],
      jobs: [{ name: "el" }],
      schedules: [
        { name: "legacy", kind: "elt", interval: "@once", runsPerDay: "0", nextRuns: [] },
        {
          name: "busy",
          kind: "job",
          interval: "15,45 */2 * * 1,3,5",
          runsPerDay: "10.3",
          nextRuns: [
            "2026-11-30T10:45:00.000Z",
            "2026-11-30T12:15:00.000Z",
            "2026-11-30T12:45:00.000Z",
            "2026-11-30T14:15:00.000Z",
            "2026-11-30T14:45:00.000Z",
          ],
        },
      ],
      errors: [],
    });
  });

  it("takes the clock from CLOUD_LEDGER_NOW and prints a table without --json", () => {
    const run = runCli(["manifest", project(VALID)], { home: project({}), env: { CLOUD_LEDGER_NOW: NOW } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Default environment: dev");
    expect(run.stdout).toMatch(/Schedule\s*│ Kind\s*│ Interval\s*│ Runs \/ Day\s*│ Next run \(UTC\)/);
    expect(run.stdout).toMatch(/busy\s*│ job\s*│ 15,45 \*\/2 \* \* 1,3,5\s*│ 10\.3\s*│ 2026-11-30 10:45/);
  });

  it("still prints the JSON, with located errors, and exits 1 when the project has errors", () => {
    const root = project({ "meltano.yml": "schedules:\n- {name: s, job: missing, interval: '0 8 * * * 1-5'}\n" });
    const run = runCli(["manifest", root, "--json", "--now", NOW], { home: project({}) });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { schedules: unknown[]; errors: unknown[] };
    expect(report.schedules).toEqual([{ name: "s", kind: "job", interval: "0 8 * * * 1-5", runsPerDay: null, nextRuns: [] }]);
    expect(report.errors).toEqual([
      {
        file: "meltano.yml",
        path: "schedules[0].interval",
        message: "Invalid Cron expression or alias: '0 8 * * * 1-5'. Please use a valid cron expression",
      },
      { file: "meltano.yml", path: "schedules[0].job", message: "Job 'missing' was not found (named by schedule 's')" },
    ]);
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: "manifest-invalid", message: "The project has 2 manifest errors" } });
  });

  it("exits 1 with the JSON when the project cannot be read at all", () => {
    const root = project({ "README.md": "no meltano.yml here\n" });
    const run = runCli(["manifest", root, "--json"], { home: project({}) });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      schedules: [],
      errors: [{ file: "meltano.yml", path: "", message: expect.stringMatching(/^No meltano.yml in/) as unknown }],
    });
  });

  it("rejects a malformed --now as a usage error (exit 2)", () => {
    const run = runCli(["manifest", project(VALID), "--now", "tomorrow"], { home: project({}) });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Expected an ISO-8601 instant, got 'tomorrow'");
  });

  it("runs from the repository root as `pnpm cloud-ledger manifest <root>`", () => {
    const result = spawnSync("pnpm", ["-s", "cloud-ledger", "manifest", project(VALID), "--json", "--now", NOW], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, CLOUD_LEDGER_HOME: project({}), NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { schedules: { runsPerDay: string }[] }).schedules.map((s) => s.runsPerDay)).toEqual([
      "0",
      "10.3",
    ]);
  });
});
