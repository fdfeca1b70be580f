import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { REPOSITORY_ROOT } from "./build-packages.js";
import { runCli, runCliJson, type CliRun } from "./cli-process.js";

/** A real git repository holding the demo's Acme Meltano project (branch main), for end-to-end CLI tests. */
export function createAcmeGitRepository(): string {
  const directory = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-acme-"));
  cpSync(path.join(REPOSITORY_ROOT, "packages", "cli", "demo", "acme"), directory, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: "1" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  const git = (...args: string[]): void => {
    execFileSync("git", ["-c", "user.name=Acme", "-c", "user.email=data@acme.example", "-c", "commit.gpgsign=false", ...args], {
      cwd: directory,
      env,
    });
  };
  git("init", "--quiet", "--initial-branch=main");
  git("add", "-A");
  git("commit", "--quiet", "-m", "Acme");
  return directory;
}

export interface ScenarioOptions {
  readonly home: string;
  /** `--store` value; omitted = the default SQLite file under the home. */
  readonly store?: string;
  readonly repository: string;
}

/** Runs one command with the scenario's store and fails with its stderr unless it exits 0. */
export function ok(args: readonly string[], options: ScenarioOptions): CliRun {
  const run = runCli([...args, ...(options.store === undefined ? [] : ["--store", options.store])], { home: options.home });
  if (run.status !== 0) throw new Error(`cloud-ledger ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  return run;
}

export function json<T>(args: readonly string[], options: ScenarioOptions): T {
  return runCliJson<T>([...args, ...(options.store === undefined ? [] : ["--store", options.store])], { home: options.home });
}

/**
 * The seed's story through the built CLI: Acme organization, project, prod and staging deployments, daily-transforms
 * enabled on prod only, a run played through by the runner, a secret, an internal ID regeneration — checking what each
 * list shows. Returns the execution id of the run.
 */
export function playAcmeScenario(options: ScenarioOptions): { readonly executionId: string } {
  ok(["login", "--github-user", "5830001", "--login", "alice"], options);
  ok(["login", "--github-user", "5830002", "--login", "bob"], options);
  ok(["login", "--github-user", "5830001", "--login", "alice"], options);
  expect(ok(["org", "create", "--name", "acme"], options).stdout).toMatch(
    /^Organization 'acme' created \(billing account number [0-9A-Z]{26}\)\.\n$/,
  );
  ok(["org", "install-app", "--installation", "4242", "--account", "acme"], options);
  ok(["org", "grant-repo", "--repo", options.repository], options);
  expect(ok(["project", "create", "--name", "Acme Data Project", "--repo-url", options.repository], options).stdout).toBe(
    "Project 'Acme Data Project' created successfully.\n",
  );
  ok(["org", "member", "add", "bob", "--role", "maintainer"], options);

  const bob = { ...options };
  expect(ok(["deployment", "create", "--name", "Prod", "--environment", "prod", "--git-rev", "main", "--as", "bob"], bob).stdout).toBe(
    "Created first deployment. Set 'prod' as the default Meltano Cloud deployment for future commands\n",
  );
  ok(["deployment", "create", "--name", "staging", "--environment", "staging", "--git-rev", "main", "--as", "bob"], bob);
  ok(["schedule", "enable", "--schedule", "daily-transforms", "--as", "bob"], bob);

  const schedules = json<{ deployment: string; schedule: string; enabled: boolean; runsPerDay: string }[]>(
    ["schedule", "list", "--as", "bob"],
    bob,
  );
  expect(schedules.map((row) => [row.deployment, row.schedule, row.enabled, row.runsPerDay])).toEqual([
    ["prod", "daily-transforms", true, "1.0"],
    ["prod", "hourly-github-sync", false, "24.0"],
    ["staging", "backfill-github", false, "0"],
    ["staging", "daily-transforms", false, "1.0"],
    ["staging", "hourly-github-sync", false, "24.0"],
  ]);

  const { executionId } = json<{ executionId: string }>(["run", "daily-transforms", "--as", "bob"], bob);
  expect(executionId).toMatch(/^[0-9a-f]{32}$/);
  ok(["job", "start", "--execution-id", executionId], options);
  ok(["job", "finish", "--execution-id", executionId, "--exit-code", "0"], options);
  const history = json<{ executionId: string; result: string; schedule: string; deployment: string }[]>(["history"], options);
  expect(history).toMatchObject([{ executionId, result: "Success", schedule: "daily-transforms", deployment: "prod" }]);

  ok(["config", "env", "set", "--key", "TAP_GITHUB_AUTH_TOKEN", "--value", "ghp_not-a-real-token"], options);
  expect(ok(["config", "env", "list"], options).stdout).toBe("TAP_GITHUB_AUTH_TOKEN\n");
  const regenerated = json<{ previousInternalId: string; internalId: string }>(["ids", "regenerate", "--project-id"], options);
  expect(regenerated.internalId).not.toBe(regenerated.previousInternalId);
  return { executionId };
}
