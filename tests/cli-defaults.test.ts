import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli, type CliRun } from "./support/cli-process.js";
import { createAcmeGitRepository } from "./support/acme-cli-scenario.js";

// The Meltano Cloud CLI's local context (rulebook rules 1-7, 14, 26, 27 and 54's CLI limits) through the built
// cloud-ledger CLI: who may see what, and which organization, project and deployment a command is about.

let home: string;
let repository: string;

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-defaults-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

const cli = (...args: string[]): CliRun => runCli(args, { home });
function ok(...args: string[]): string {
  const run = cli(...args);
  if (run.status !== 0) throw new Error(`cloud-ledger ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}
const defaults = () =>
  (
    JSON.parse(readFileSync(path.join(home, "session.json"), "utf8")) as {
      defaults: { organization?: string; projects?: Record<string, string>; deployments?: Record<string, string> };
    }
  ).defaults;

// One story, in order: each case starts from the state the previous ones left.
describe("the CLI's defaults, as the Meltano Cloud CLI keeps them", { timeout: 300_000 }, () => {
  it("rule 2: given no organization selected, then a user in none and a user in several are refused, each with its message", () => {
    ok("login", "--github-user", "5830001", "--login", "alice");
    ok("login", "--github-user", "5830002", "--login", "bob");
    ok("login", "--github-user", "5830003", "--login", "carol");
    // Defaults belong to the machine, not to a login: carol's organization, the first one created, is the default.
    ok("org", "create", "--name", "gamma");
    const none = cli("project", "list", "--as", "alice");
    expect([none.status, none.stderr]).toEqual([
      1,
      "Error: alice belongs to no organization. Create one with `cloud-ledger org create --name <name>`, or ask an owner to add you.\n",
    ]);
    ok("login", "--github-user", "5830001", "--login", "alice");
    ok("org", "create", "--name", "acme");
    ok("org", "create", "--name", "beta");
    ok("org", "member", "add", "bob", "--role", "maintainer", "--org", "acme");
    ok("org", "member", "add", "bob", "--role", "maintainer", "--org", "beta");
    const several = cli("project", "list", "--as", "bob");
    expect([several.status, several.stderr]).toEqual([
      1,
      "Error: bob belongs to several organizations. Select one with --org <name> or `cloud-ledger org use <name>`.\n",
    ]);
    expect(cli("project", "list", "--as", "bob", "--org", "acme").status).toBe(0);
    ok("org", "use", "acme");
  });

  it("rule 1: given a user who is no member, then the organization is out of reach", () => {
    const run = cli("project", "list", "--as", "carol", "--org", "acme");
    expect([run.status, run.stderr]).toEqual([1, "Error: Organization 'acme' does not exist or carol is not a member of it.\n"]);
  });

  it("rule 3: given no project, then a project command is refused; given exactly one, then it becomes the default by itself", () => {
    expect(cli("deployment", "list").stderr).toMatch(/^Error: No Meltano Cloud projects are available/);
    ok("org", "install-app", "--installation", "4242", "--account", "acme");
    ok("org", "grant-repo", "--repo", repository);
    ok("project", "create", "--name", "Acme Data Project", "--repo-url", repository);
    expect(defaults().projects).toBeUndefined();
    ok("deployment", "list");
    expect(Object.values(defaults().projects ?? {})).toHaveLength(1);
  });

  it("rule 3: given several projects and no default, then a project command is refused", () => {
    ok("org", "install-app", "--installation", "4243", "--account", "acme", "--org", "beta");
    ok("org", "grant-repo", "--repo", repository, "--org", "beta");
    ok("project", "create", "--name", "One", "--repo-url", repository, "--org", "beta");
    ok("project", "create", "--name", "Two", "--repo-url", repository, "--root-path", "transform", "--org", "beta");
    const run = cli("deployment", "list", "--org", "beta");
    expect([run.status, run.stderr]).toEqual([
      1,
      "Error: Logged in Meltano user has multiple projects. Set one as the default project using the `cloud-ledger project use` command.\n",
    ]);
  });

  it("rule 6: given a name that differs in case or spaces, then no project matches; the exact name does", () => {
    for (const name of ["acme data project", "Acme Data Project ", "Acme  Data Project"]) {
      const run = cli("deployment", "list", "--project", name);
      expect([run.status, run.stderr]).toEqual([1, `Error: Unable to use project named '${name}' - no available project matches name.\n`]);
    }
    expect(cli("deployment", "list", "--project", "Acme Data Project").status).toBe(0);
  });

  it("rule 7: given both --name and --id, then `project use` is a usage error", () => {
    const run = cli("project", "use", "--name", "Acme Data Project", "--id", "01H8ZZZZZZZZZZZZZZZZZZZZZZ");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("The '--name' and '--id' options are mutually exclusive");
  });

  it("rule 5: given an --id that is not a ULID, then it is a usage error; a ULID no project has is refused", () => {
    expect(cli("project", "use", "--id", "not-a-ulid").status).toBe(2);
    const unknown = cli("project", "use", "--id", "01H8ZZZZZZZZZZZZZZZZZZZZZZ");
    expect([unknown.status, unknown.stderr]).toEqual([
      1,
      "Error: No project of 'acme' currently has the internal ID '01H8ZZZZZZZZZZZZZZZZZZZZZZ'.\n",
    ]);
  });

  it("rule 14: given a project's first deployment, then it becomes the default; the second does not", () => {
    expect(ok("deployment", "create", "--name", "Prod", "--environment", "prod", "--git-rev", "main")).toBe(
      "Created first deployment. Set 'prod' as the default Meltano Cloud deployment for future commands\n",
    );
    expect(ok("deployment", "create", "--name", "staging", "--environment", "staging", "--git-rev", "main")).toBe(
      'Created deployment "staging". To use as default run "cloud-ledger deployment use --name staging"\n',
    );
    expect(Object.values(defaults().deployments ?? {})).toEqual(["prod"]);
  });

  it("rule 26: given no --deployment, then enable uses the default one; with no default, then it is refused", () => {
    expect(ok("schedule", "enable", "--schedule", "daily-transforms")).toBe("Enabled schedule 'daily-transforms' in deployment 'prod'.\n");
    const run = cli("schedule", "enable", "--schedule", "daily-transforms", "--org", "beta", "--project", "One");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: A deployment name is required\./);
  });

  it("rule 4: given defaults chosen in another organization and project, then acme's default project and deployment stay", () => {
    const before = defaults();
    ok("project", "use", "--name", "Two", "--org", "beta");
    const after = defaults();
    expect(Object.keys(after.projects ?? {})).toHaveLength(2);
    expect(after.projects?.[before.organization ?? ""]).toBe(before.projects?.[before.organization ?? ""]);
    expect(after.deployments).toEqual(before.deployments);
    // `project use` also made beta the default organization; back in acme, its defaults are as they were.
    ok("org", "use", "acme");
    expect(ok("schedule", "disable", "--schedule", "daily-transforms")).toBe(
      "Disabled schedule 'daily-transforms' in deployment 'prod'.\n",
    );
  });

  it("rule 27: given a default deployment, then `schedule describe` still needs --deployment and --schedule", () => {
    expect(cli("schedule", "describe", "--schedule", "daily-transforms").status).toBe(2);
    expect(cli("schedule", "describe", "--deployment", "prod").status).toBe(2);
    expect(ok("schedule", "describe", "--deployment", "prod", "--schedule", "daily-transforms")).toContain("Schedule name");
  });

  it.each([
    [["project", "list"], 125],
    [["deployment", "list"], 125],
    [["schedule", "list"], 10],
    [["history"], 10],
    [["config", "env", "list"], 10],
  ])("rule 54: %j shows at most %i rows unless told otherwise", (command, limit) => {
    expect(ok(...command, "--help")).toMatch(new RegExp(`--limit <n> +at most this many [a-z]+ \\(default: ${limit}\\)`));
  });
});
