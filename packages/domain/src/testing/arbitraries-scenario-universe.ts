import type { ControlPlaneCommand } from "../commands.js";
import type { ManifestError, ProjectManifest } from "../manifest/types.js";
import { projectKeyOf } from "../naming/keys.js";
import { normalizeRepositoryUrl } from "../naming/repository-url.js";
import { normalizeRootPath } from "../naming/root-path.js";
import { createMemoryGitResolver, manifestOf, type MemoryGitResolver } from "./memory-git.js";

/*
 * A small, fixed world for command sequences: two organizations with an owner, a maintainer and a reader each, an
 * outsider who belongs nowhere, three projects, and git repositories whose branches hold a few manifest variants.
 * Small name pools make random commands collide often, so sequences exercise "already exists", "up to date",
 * "already stopped" and friends instead of only creating fresh things.
 */

/** A command and who sends it. */
export interface ScenarioDispatch {
  readonly actor: string;
  readonly command: ControlPlaneCommand;
}

export interface ScenarioOrganization {
  readonly billingAccountNumber: string;
  readonly name: string;
  readonly owner: string;
  readonly maintainer: string;
  readonly reader: string;
  readonly installationId: string;
  /** The GitHub account the App is installed on (owner of the organization's repositories). */
  readonly account: string;
}

export interface ScenarioProject {
  readonly organization: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  /** Derived the way the domain derives it (organization, normalized URL, normalized root path). */
  readonly projectKey: string;
}

/** The manifests the scenario git commits; each branch head holds one of them. */
export type ManifestVariant = "base" | "changed" | "prod-only" | "no-schedules" | "invalid";

export interface ScenarioUniverse {
  readonly users: readonly { readonly githubUserId: string; readonly login: string }[];
  /** Signed up, member of no organization. */
  readonly outsider: string;
  readonly organizations: readonly ScenarioOrganization[];
  readonly projects: readonly ScenarioProject[];
  /** Deployment slugs the steps use (raw names are spelled from them). */
  readonly deployments: readonly string[];
  /** Schedule names of the manifests, plus one that no manifest defines. */
  readonly schedules: readonly string[];
  readonly environments: readonly string[];
  readonly branches: readonly string[];
  readonly manifests: Readonly<Record<ManifestVariant, { readonly manifest: ProjectManifest; readonly errors: readonly ManifestError[] }>>;
  /** Deployments the bootstrap creates, so that sequences start with something to enable, run and redeploy. */
  readonly initialDeployments: readonly {
    readonly projectKey: string;
    readonly name: string;
    readonly environment: string;
    readonly gitRev: string;
  }[];
}

const base = manifestOf({
  environments: ["prod", "staging"],
  schedules: [
    { name: "daily-transforms" },
    { name: "hourly-sync", interval: "@hourly", environments: ["prod"] },
    { name: "staging-smoke", interval: "@once", environments: ["staging"] },
  ],
});

const changed = manifestOf({
  environments: ["prod", "staging"],
  schedules: [
    { name: "daily-transforms", interval: "0 2 * * *" },
    { name: "weekly-report", interval: "@weekly" },
  ],
});

/** Normalizes like the domain does; the universe is built from known-good literals, so a failure is a programming error. */
function keyOf(organization: string, repositoryUrl: string, rootPath: string): string {
  const url = normalizeRepositoryUrl(repositoryUrl);
  const root = normalizeRootPath(rootPath);
  if (url._tag === "Left" || root._tag === "Left") throw new TypeError(`scenario project ${repositoryUrl} ${rootPath} does not normalize`);
  return projectKeyOf(organization, url.right, root.right);
}

const ACME = "01HQ0000000000000000000ACM";
const GLOBEX = "01HQ0000000000000000000GBX";

const ACME_DATA = keyOf(ACME, "https://github.com/acme/data", ".");
const GLOBEX_WAREHOUSE = keyOf(GLOBEX, "https://github.com/globex/warehouse", ".");

/** The default world: organizations `acme` and `globex`, projects on their repositories, a few deployments. */
export const defaultScenarioUniverse: ScenarioUniverse = {
  users: [
    { githubUserId: "101", login: "alice" },
    { githubUserId: "102", login: "bob" },
    { githubUserId: "103", login: "carol" },
    { githubUserId: "201", login: "dave" },
    { githubUserId: "202", login: "erin" },
    { githubUserId: "203", login: "frank" },
    { githubUserId: "999", login: "mallory" },
  ],
  outsider: "999",
  organizations: [
    { billingAccountNumber: ACME, name: "acme", owner: "101", maintainer: "102", reader: "103", installationId: "1001", account: "acme" },
    {
      billingAccountNumber: GLOBEX,
      name: "globex",
      owner: "201",
      maintainer: "202",
      reader: "203",
      installationId: "2001",
      account: "globex",
    },
  ],
  projects: [
    { organization: ACME, name: "Acme Data", repositoryUrl: "https://github.com/acme/data", rootPath: ".", projectKey: ACME_DATA },
    {
      organization: ACME,
      name: "Acme Ops",
      repositoryUrl: "https://github.com/acme/ops",
      rootPath: "meltano",
      projectKey: keyOf(ACME, "https://github.com/acme/ops", "meltano"),
    },
    {
      organization: GLOBEX,
      name: "Globex Warehouse",
      repositoryUrl: "https://github.com/globex/warehouse",
      rootPath: ".",
      projectKey: GLOBEX_WAREHOUSE,
    },
  ],
  deployments: ["prod", "staging", "dev"],
  schedules: ["daily-transforms", "hourly-sync", "staging-smoke", "weekly-report", "no-such-schedule"],
  environments: ["prod", "staging", "qa"],
  branches: ["main", "develop"],
  manifests: {
    base: { manifest: base, errors: [] },
    changed: { manifest: changed, errors: [] },
    "prod-only": { manifest: manifestOf({ environments: ["prod"], schedules: [{ name: "daily-transforms" }] }), errors: [] },
    "no-schedules": { manifest: manifestOf({ environments: ["prod", "staging"], schedules: [] }), errors: [] },
    invalid: {
      manifest: base,
      errors: [{ file: "meltano.yml", path: "schedules[0].interval", message: "Invalid Cron expression or alias: 'every day'" }],
    },
  },
  initialDeployments: [
    { projectKey: ACME_DATA, name: "prod", environment: "prod", gitRev: "main" },
    { projectKey: ACME_DATA, name: "staging", environment: "staging", gitRev: "develop" },
    { projectKey: GLOBEX_WAREHOUSE, name: "prod", environment: "prod", gitRev: "main" },
  ],
};

/** The organization a project belongs to. */
export function organizationOf(universe: ScenarioUniverse, project: ScenarioProject): ScenarioOrganization {
  const found = universe.organizations.find((o) => o.billingAccountNumber === project.organization);
  if (found === undefined) throw new TypeError(`scenario project '${project.name}' names an organization the universe lacks`);
  return found;
}

/** The commands that build the world, in order: sign-ups, organizations, members, installations, grants, projects, deployments. */
export function scenarioBootstrap(universe: ScenarioUniverse): readonly ScenarioDispatch[] {
  const steps: ScenarioDispatch[] = universe.users.map((u) => ({
    actor: `github:${u.githubUserId}`,
    command: { type: "SignUpUser", githubUserId: u.githubUserId, login: u.login },
  }));
  for (const o of universe.organizations) {
    const owner = `github:${o.owner}`;
    const organization = o.billingAccountNumber;
    steps.push(
      { actor: owner, command: { type: "CreateOrganization", name: o.name, billingAccountNumber: organization } },
      { actor: owner, command: { type: "AddMember", organization, githubUserId: o.maintainer, role: "maintainer" } },
      { actor: owner, command: { type: "AddMember", organization, githubUserId: o.reader, role: "reader" } },
      {
        actor: owner,
        command: {
          type: "InstallGitHubApp",
          organization,
          installationId: o.installationId,
          account: o.account,
          accountType: "organization",
        },
      },
    );
    for (const p of universe.projects.filter((project) => project.organization === organization)) {
      steps.push({
        actor: owner,
        command: { type: "GrantRepository", organization, installationId: o.installationId, repositoryUrl: p.repositoryUrl },
      });
    }
    for (const p of universe.projects.filter((project) => project.organization === organization)) {
      steps.push({
        actor: owner,
        command: { type: "CreateProject", organization, name: p.name, repositoryUrl: p.repositoryUrl, rootPath: p.rootPath },
      });
    }
    for (const d of universe.initialDeployments) {
      if (!universe.projects.some((p) => p.projectKey === d.projectKey && p.organization === organization)) continue;
      steps.push({ actor: `github:${o.maintainer}`, command: { type: "CreateDeployment", organization, ...d } });
    }
  }
  return steps;
}

/** The heads the scenario git starts from: `main` holds the base manifest, `develop` the changed one. */
export interface ScenarioGit {
  readonly git: MemoryGitResolver;
  /** The first commit of `main` of each repository (a pinned revision that never moves). */
  readonly pinned: ReadonlyMap<string, string>;
  /** Commits `variant` on `branch` of a project's repository (what a push does). */
  push(repositoryUrl: string, branch: string, variant: ManifestVariant): string;
}

/** A fresh in-memory git for the universe. Deterministic: the same universe always gets the same commit hashes. */
export function createScenarioGit(universe: ScenarioUniverse): ScenarioGit {
  const git = createMemoryGitResolver();
  const push = (repositoryUrl: string, branch: string, variant: ManifestVariant): string => {
    const { manifest, errors } = universe.manifests[variant];
    return git.commit(repositoryUrl, branch, manifest, errors);
  };
  const pinned = new Map<string, string>();
  for (const repositoryUrl of new Set(universe.projects.map((p) => p.repositoryUrl))) {
    pinned.set(repositoryUrl, push(repositoryUrl, "main", "base"));
    push(repositoryUrl, "develop", "changed");
  }
  return { git, pinned, push };
}

/** The pinned commit of each repository, as `createScenarioGit` will produce it. */
export function scenarioPinnedCommits(universe: ScenarioUniverse): ReadonlyMap<string, string> {
  return createScenarioGit(universe).pinned;
}
