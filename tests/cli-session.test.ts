import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";

// The built CLI as a subprocess: login/logout/whoami, the global flags, and usage errors (exit 2, nothing written).
beforeAll(() => ensurePackagesBuilt(), 600_000);

const homes: string[] = [];
function freshHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-cli-session-"));
  homes.push(home);
  return home;
}
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

describe("cloud-ledger login / logout / whoami", { timeout: 300_000 }, () => {
  it("records an identity in an owner-only session file and acts as it", () => {
    const home = freshHome();
    const login = runCli(["login", "--github-user", "583231", "--login", "octocat"], { home });
    expect(login).toMatchObject({ status: 0, stdout: "Logged in as octocat\n", stderr: "" });
    expect(statSync(path.join(home, "session.json")).mode & 0o777).toBe(0o600);
    expect(runCli(["whoami"], { home }).stdout).toBe("octocat (GitHub user 583231)\n");
    expect(JSON.parse(runCli(["whoami", "--format", "json"], { home }).stdout)).toEqual({
      loggedIn: true,
      githubUserId: "583231",
      login: "octocat",
    });
  });

  it("keeps every recorded identity usable with --as after switching and logging out", () => {
    const home = freshHome();
    runCli(["login", "--github-user", "1", "--login", "alice"], { home });
    runCli(["login", "--github-user", "2", "--login", "bob"], { home });
    expect(runCli(["whoami"], { home }).stdout).toBe("bob (GitHub user 2)\n");
    expect(runCli(["logout"], { home }).stdout).toBe("Successfully logged out.\n");
    expect(runCli(["logout"], { home }).stdout).toBe("Not logged in.\n");
    expect(runCli(["whoami"], { home }).stdout).toBe("Not logged in.\n");
    expect(runCli(["whoami", "--as", "alice"], { home }).stdout).toBe("alice (GitHub user 1)\n");
  });

  it("re-points a login that moved to another GitHub account (the user id is the identity)", () => {
    const home = freshHome();
    runCli(["login", "--github-user", "1", "--login", "alice"], { home });
    runCli(["login", "--github-user", "3", "--login", "alice"], { home });
    const session = JSON.parse(readFileSync(path.join(home, "session.json"), "utf8")) as { identities: Record<string, unknown> };
    expect(session.identities).toEqual({ alice: { githubUserId: "3", login: "alice" } });
  });
});

describe("usage errors exit 2 with a clear message and write nothing", { timeout: 300_000 }, () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ["an unknown flag", ["login", "--github-user", "1", "--login", "a", "--bogus"], /unknown option '--bogus'/],
    ["an unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    [
      "a malformed GitHub user id",
      ["login", "--github-user", "abc", "--login", "alice"],
      /A GitHub user ID is a positive number, got 'abc'/,
    ],
    ["a malformed login", ["login", "--github-user", "1", "--login", "-alice-"], /A GitHub login has 1-39 letters/],
    ["a missing mandatory option", ["login", "--login", "alice"], /required option '--github-user <id>' not specified/],
    ["an unknown output format", ["whoami", "--format", "yaml"], /Allowed choices are terminal, json, markdown/],
    ["a malformed store", ["whoami", "--store", "mysql://x"], /Expected sqlite:PATH, postgres:\/\/… or esdb:\/\/…/],
    ["an empty sqlite path", ["whoami", "--store", "sqlite:"], /sqlite: needs a file path/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}`, () => {
      const home = freshHome();
      const run = runCli(args, { home });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
      expect(readdirSync(home)).toEqual([]);
    });
  }

  it("reports usage errors as JSON on stderr with --format json", () => {
    const home = freshHome();
    const run = runCli(["login", "--github-user", "x", "--login", "a", "--format", "json"], { home });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(JSON.parse(lines.at(-1) ?? "")).toMatchObject({ error: { code: "usage" } });
  });

  it("--help and --version exit 0", () => {
    const home = freshHome();
    expect(runCli(["--version"], { home })).toMatchObject({ status: 0, stdout: "0.1.0\n" });
    const help = runCli(["--help"], { home });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: cloud-ledger");
  });
});

describe("an unreadable session file is a clear failure (exit 1), left as it was", { timeout: 300_000 }, () => {
  it("not JSON", () => {
    const home = freshHome();
    writeFileSync(path.join(home, "session.json"), "{ not json");
    const run = runCli(["whoami"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The session file ${path.join(home, "session.json")} is not valid JSON`);
    expect(readFileSync(path.join(home, "session.json"), "utf8")).toBe("{ not json");
  });

  it("not a file", () => {
    const home = freshHome();
    mkdirSync(path.join(home, "session.json"));
    const run = runCli(["whoami"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: Cannot read the session file .*session\.json: EISDIR/);
  });
});
