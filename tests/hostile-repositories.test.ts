import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import {
  createControlPlane,
  type ControlPlane,
  type ControlPlaneCommand,
  type DispatchSuccess,
  type DomainError,
} from "@cloud-ledger/domain";
import { repositoryArgument } from "../packages/cli/src/runtime/repository-argument.js";
import { mergeBombYaml } from "../packages/domain/test/manifest/merge-bomb-yaml.js";

// Hostile repositories through the whole control plane: real git reads, the domain's parser and deciders.
const ALICE = "github:1001";
let base: string;

/** A git repository at `folder` whose one schedule is named `label`, so a deployment shows which folder was read. */
function repositoryAt(folder: string, label: string, meltanoYml?: string): void {
  mkdirSync(folder, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: "1" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  const identity = ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"];
  const git = (...args: string[]) => execFileSync("git", [...identity, ...args], { cwd: folder, env });
  git("init", "--quiet", "--initial-branch=main");
  const yml =
    meltanoYml ?? `environments: [{name: prod}]\njobs: [{name: j, tasks: t}]\nschedules: [{name: ${label}, job: j, interval: '@daily'}]\n`;
  writeFileSync(path.join(folder, "meltano.yml"), yml);
  git("add", "-A");
  git("commit", "--quiet", "-m", label);
}

interface Plane {
  ok(command: ControlPlaneCommand): Promise<DispatchSuccess>;
  fail(command: ControlPlaneCommand): Promise<DomainError>;
}

function plane(): Plane {
  const controlPlane: ControlPlane = createControlPlane({
    store: createMemoryEventStore(),
    clock: createSteppingClock("2023-08-24T12:00:00.000Z", 1000),
    ids: createSeededIdGenerator(11),
    git: createGitResolver(),
    vault: { put: () => Promise.resolve(), delete: () => Promise.resolve() },
  });
  let counter = 0;
  const send = (command: ControlPlaneCommand) => controlPlane.dispatch({ command, actor: ALICE, commandId: `cmd-${(counter += 1)}` });
  return {
    async ok(command) {
      const result = await send(command);
      if (result._tag === "Left") throw new Error(`${command.type} failed: ${JSON.stringify(result.left)}`);
      return result.right;
    },
    async fail(command) {
      const result = await send(command);
      if (result._tag === "Right" || result.left.kind !== "rejected") {
        throw new Error(`${command.type} was not rejected: ${JSON.stringify(result)}`);
      }
      return result.left.error;
    },
  };
}

const dataOf = <T>(success: DispatchSuccess, type: string): T => success.events.find((event) => event.type === type)?.data as T;

/** An organization with the App installed and the given local folders granted, as the CLI would name them. */
async function organizationWith(p: Plane, folders: readonly string[]): Promise<string> {
  await p.ok({ type: "SignUpUser", githubUserId: "1001", login: "alice" });
  const created = await p.ok({ type: "CreateOrganization", name: "acme" });
  const { organization } = dataOf<{ organization: string }>(created, "OrganizationCreated");
  await p.ok({ type: "InstallGitHubApp", organization, installationId: "42", account: "acme", accountType: "organization" });
  for (const folder of folders) {
    await p.ok({ type: "GrantRepository", organization, installationId: "42", repositoryUrl: repositoryArgument(folder) });
  }
  return organization;
}

async function deployedSchedules(p: Plane, organization: string, name: string, folder: string): Promise<string[]> {
  const created = await p.ok({ type: "CreateProject", organization, name, repositoryUrl: repositoryArgument(folder) });
  const { projectKey } = dataOf<{ projectKey: string }>(created, "ProjectCreated");
  const deployment = await p.ok({ type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
  return dataOf<{ schedules: { name: string }[] }>(deployment, "DeploymentCreated").schedules.map((schedule) => schedule.name);
}

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), "cloud-ledger-hostile-repos-"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("a project deploys the folder it names", { timeout: 60_000 }, () => {
  it("a '#' in the folder name is not read as a URL fragment (which named the sibling folder)", async () => {
    repositoryAt(path.join(base, "hash", "data"), "sibling");
    repositoryAt(path.join(base, "hash", "data#evil"), "named");
    const p = plane();
    const organization = await organizationWith(p, [path.join(base, "hash", "data#evil")]);
    expect(await deployedSchedules(p, organization, "Hash", path.join(base, "hash", "data#evil"))).toEqual(["named"]);
  });

  it("a folder literally named %2E%2E is not decoded to '..': no second project for another project's repository", async () => {
    const victim = path.join(base, "dots", "victim");
    const attacker = path.join(base, "dots", "evil", "%2E%2E", "victim");
    repositoryAt(victim, "victim");
    repositoryAt(attacker, "attacker");
    const p = plane();
    const organization = await organizationWith(p, [victim, attacker]);
    expect(await deployedSchedules(p, organization, "Victim", victim)).toEqual(["victim"]);
    // Before: stored as ".../evil/%2E%2E/victim", read back as ".../evil/../victim": the victim's repository, deployed
    // by a second project. Now it is the attacker's own folder.
    expect(await deployedSchedules(p, organization, "Attacker", attacker)).toEqual(["attacker"]);
    // A spelling that really does name the victim's folder is the same repository, so the one-project rule holds.
    const victimSpelledWithDots = `file://${path.join(base, "dots", "evil")}/%2E%2E/victim`;
    const again = await p.fail({ type: "CreateProject", organization, name: "Again", repositoryUrl: victimSpelledWithDots });
    expect(again.code).toBe("project-already-exists");
  });
});

describe("hostile manifests through deployment create", { timeout: 60_000 }, () => {
  it("refuses the 742-byte merge bomb with its located error", async () => {
    const folder = path.join(base, "bomb");
    repositoryAt(folder, "bomb", mergeBombYaml());
    const p = plane();
    const organization = await organizationWith(p, [folder]);
    const { projectKey } = dataOf<{ projectKey: string }>(
      await p.ok({ type: "CreateProject", organization, name: "Bomb", repositoryUrl: repositoryArgument(folder) }),
      "ProjectCreated",
    );
    const error = await p.fail({ type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
    expect(error).toMatchObject({ code: "manifest-invalid", errors: [{ file: "meltano.yml", path: "x6" }] });
    expect(error.message).toMatch(/meltano\.yml: x6: Refusing this file: its << merge keys expand to more than 1000000 entries/);
  });
});
