import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// `job start` / `job finish` record what a runner reports. They used to be dispatched as `system:runner` after a mere
// membership check, so a reader could record a run's result and the trail could not say who did.
let folder: string;
let scenario: ScenarioOptions;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-runner-"));
  scenario = { home: path.join(folder, "home"), repository: createAcmeGitRepository() };
  mkdirSync(scenario.home);
  ensurePackagesBuilt();
  playAcmeScenario(scenario);
  ok(["login", "--github-user", "5830003", "--login", "carol"], scenario);
  ok(["login", "--github-user", "5830001", "--login", "alice"], scenario);
  ok(["org", "member", "add", "carol", "--role", "reader"], scenario);
}, 900_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(scenario.repository, { recursive: true, force: true });
});

describe("runner reports from the CLI", { timeout: 300_000 }, () => {
  it("a reader cannot report a run's start or finish, and nothing is written", () => {
    const { executionId } = json<{ executionId: string }>(["run", "daily-transforms", "--as", "bob"], scenario);
    const before = json<unknown[]>(["audit", "trail", "--execution", executionId], scenario);
    for (const args of [
      ["job", "start"],
      ["job", "finish", "--exit-code", "1"],
    ]) {
      const run = runCli([...args, "--execution-id", executionId, "--as", "carol"], { home: scenario.home });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("has role 'reader'");
    }
    expect(json<unknown[]>(["audit", "trail", "--execution", executionId], scenario)).toEqual(before);
  });

  it("a maintainer's report is recorded as theirs: the trail names who reported", () => {
    const { executionId } = json<{ executionId: string }>(["run", "daily-transforms", "--as", "bob"], scenario);
    ok(["job", "start", "--execution-id", executionId, "--as", "bob"], scenario);
    ok(["job", "finish", "--execution-id", executionId, "--exit-code", "0", "--as", "bob"], scenario);
    const trail = json<{ action: string; actor: string }[]>(["audit", "trail", "--execution", executionId], scenario);
    expect(trail.map((entry) => [entry.action, entry.actor])).toEqual([
      ["ExecutionRequested", "github:5830002"],
      ["ExecutionStarted", "github:5830002"],
      ["ExecutionFinished", "github:5830002"],
    ]);
    expect(json<{ ok: boolean }>(["audit", "verify"], scenario).ok).toBe(true);
  });
});
