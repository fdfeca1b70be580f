import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { createAcmeGitRepository, json, ok, type ScenarioOptions } from "./support/acme-cli-scenario.js";
import { runCli } from "./support/cli-process.js";

// Rules 16 and 19 through the built CLI and a real git repository: a push whose commit changes only a plugin's config
// (nothing the parsed manifest keeps) still moves every deployment tracking the branch; a pinned one stays.
let folder: string;
let scenario: ScenarioOptions;

interface DeploymentRow {
  readonly deployment: string;
  readonly gitRev: string;
  readonly commit: string;
}
interface ScheduleRow {
  readonly deployment: string;
  readonly schedule: string;
  readonly enabled: boolean;
}
interface Pushed {
  readonly redeployed: readonly { deployment: string; previousCommit: string; commit: string }[];
  readonly refused: readonly { deployment: string; code: string }[];
}

function git(...args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: "1" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  const identity = ["-c", "user.name=Acme", "-c", "user.email=data@acme.example", "-c", "commit.gpgsign=false"];
  return execFileSync("git", [...identity, ...args], { cwd: scenario.repository, env, encoding: "utf8" }).trim();
}

/** Commits an edit to meltano.yml and returns the new head of main. */
function commitEdit(edit: (text: string) => string, message: string): string {
  const file = path.join(scenario.repository, "meltano.yml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  git("commit", "--quiet", "-am", message);
  return git("rev-parse", "HEAD");
}

const commits = (): Record<string, string> =>
  Object.fromEntries(json<DeploymentRow[]>(["deployment", "list"], scenario).map((row) => [row.deployment, row.commit]));

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-notify-push-"));
  scenario = { home: path.join(folder, "home"), repository: createAcmeGitRepository() };
  mkdirSync(scenario.home);
  ensurePackagesBuilt();
  ok(["login", "--github-user", "5830001", "--login", "alice"], scenario);
  ok(["org", "create", "--name", "acme"], scenario);
  ok(["org", "install-app", "--installation", "4242", "--account", "acme"], scenario);
  ok(["org", "grant-repo", "--repo", scenario.repository], scenario);
  ok(["project", "create", "--name", "Acme", "--repo-url", scenario.repository], scenario);
  const first = git("rev-parse", "HEAD");
  ok(["deployment", "create", "--name", "prod", "--environment", "prod", "--git-rev", "main"], scenario);
  ok(["deployment", "create", "--name", "staging", "--environment", "staging", "--git-rev", "main"], scenario);
  ok(["deployment", "create", "--name", "pinned", "--environment", "prod", "--git-rev", first], scenario);
  ok(["schedule", "enable", "--deployment", "prod", "--schedule", "daily-transforms"], scenario);
  ok(["login", "--github-user", "5830003", "--login", "carol"], scenario);
  ok(["login", "--github-user", "5830001", "--login", "alice"], scenario);
  ok(["org", "member", "add", "carol", "--role", "reader"], scenario);
}, 600_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(scenario.repository, { recursive: true, force: true });
});

describe("deployment notify-push (rules 16, 19)", { timeout: 300_000 }, () => {
  it("redeploys every deployment tracking the branch to its new commit, even when only a plugin's config changed; pinned ones stay", () => {
    const before = commits();
    const first = before.pinned ?? "";
    expect(before).toEqual({ prod: first, staging: first, pinned: first });

    const nothing = json<Pushed>(["deployment", "notify-push", "--repo", scenario.repository, "--branch", "main"], scenario);
    expect(nothing).toMatchObject({ redeployed: [], refused: [] });

    const second = commitEdit(
      (text) => text.replace("repositories: [acme/widgets, acme/gadgets]", "repositories: [acme/widgets]"),
      "config only",
    );
    const pushed = json<Pushed>(["deployment", "notify-push", "--repo", scenario.repository, "--branch", "main"], scenario);
    expect(pushed.refused).toEqual([]);
    expect([...pushed.redeployed].sort((a, b) => a.deployment.localeCompare(b.deployment))).toEqual([
      { deployment: "prod", previousCommit: first, commit: second },
      { deployment: "staging", previousCommit: first, commit: second },
    ]);
    expect(commits()).toEqual({ prod: second, staging: second, pinned: first });

    // Enabled flags survive the redeploy (rule 23).
    const schedules = json<ScheduleRow[]>(["schedule", "list"], scenario).filter((row) => row.enabled);
    expect(schedules.map((row) => [row.deployment, row.schedule])).toEqual([["prod", "daily-transforms"]]);
  });

  it("a pip_url-only commit is picked up the same way, and the text output names each redeploy", () => {
    const third = commitEdit(
      (text) => text.replace("pip_url: meltanolabs-target-postgres", "pip_url: meltanolabs-target-postgres==0.1.0"),
      "pin loader",
    );
    const run = ok(["deployment", "notify-push", "--repo", scenario.repository, "--branch", "main"], scenario);
    expect(run.stdout).toContain(`Redeployed 'prod' to ${third.slice(0, 7)}`);
    expect(run.stdout).toContain(`Redeployed 'staging' to ${third.slice(0, 7)}`);
    expect(commits().pinned).not.toBe(third);
  });

  it("a reader cannot announce a push, and nothing moves", () => {
    commitEdit((text) => `${text}\n# reader's push\n`, "reader push");
    const before = commits();
    const run = runCli(["deployment", "notify-push", "--repo", scenario.repository, "--branch", "main", "--as", "carol"], {
      home: scenario.home,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("carol has role 'reader' in 'acme'; announcing a push needs 'maintainer'.");
    expect(commits()).toEqual(before);
  });

  it("a push to another branch moves nothing", () => {
    git("checkout", "--quiet", "-b", "feature");
    commitEdit((text) => `${text}\n# feature work\n`, "feature");
    const before = commits();
    const run = ok(["deployment", "notify-push", "--repo", scenario.repository, "--branch", "feature"], scenario);
    expect(run.stdout).toBe("No deployment tracking 'feature' needed a redeploy.\n");
    expect(commits()).toEqual(before);
    git("checkout", "--quiet", "main");
  });
});
