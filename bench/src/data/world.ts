import type { DeployedSchedule } from "@cloud-ledger/domain";
import type { Rng } from "./rng.js";

/** The synthetic Meltano Cloud estate a generated log describes: organizations, their people, projects and deployments. */
export interface World {
  readonly organizations: OrganizationModel[];
  readonly deployments: DeploymentModel[];
  readonly users: UserModel[];
}

export interface UserModel {
  readonly githubUserId: string;
  login: string;
}

export interface OrganizationModel {
  readonly organization: string;
  readonly name: string;
  readonly owner: UserModel;
  /** Maintainers first, then readers. */
  readonly members: { readonly user: UserModel; role: "maintainer" | "reader" }[];
  readonly installationId: string;
  readonly projects: ProjectModel[];
}

export interface ProjectModel {
  readonly organization: OrganizationModel;
  readonly projectKey: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly secrets: Set<string>;
}

export interface DeploymentModel {
  readonly project: ProjectModel;
  readonly deployment: string;
  readonly environment: string;
  readonly gitRev: string;
  /** True when gitRev is a pinned commit (no automatic redeploys, rule 19). */
  readonly pinned: boolean;
  commit: string;
  readonly schedules: readonly DeployedSchedule[];
  readonly enabled: Map<string, boolean>;
}

/** The schedules every generated project's meltano.yml defines (a realistic spread of intervals, incl. a manual one). */
export const SCHEDULES: readonly DeployedSchedule[] = [
  { name: "daily-transforms", interval: "@daily" },
  { name: "hourly-sync", interval: "@hourly" },
  { name: "six-hourly-hubspot", interval: "0 */6 * * *" },
  { name: "weekly-backfill", interval: "@weekly" },
  { name: "half-hourly-events", interval: "*/30 * * * *" },
  { name: "manual-reload", interval: "@once" },
];

const ENVIRONMENTS = [
  { deployment: "prod", environment: "prod", gitRev: "main" },
  { deployment: "staging", environment: "staging", gitRev: "develop" },
  { deployment: "dev", environment: "dev", gitRev: "" },
] as const;

export interface WorldShape {
  readonly organizations: number;
  readonly projectsPerOrganization: number;
  readonly membersPerOrganization: number;
}

export const DEFAULT_SHAPE: WorldShape = { organizations: 20, projectsPerOrganization: 2, membersPerOrganization: 4 };

/** Builds the estate (no events yet): ids come from the seeded rng / ulid source so every run builds the same one. */
export function buildWorld(rng: Rng, ulid: () => string, shape: WorldShape = DEFAULT_SHAPE): World {
  const users: UserModel[] = [];
  const newUser = (): UserModel => {
    const user = { githubUserId: String(100_001 + users.length), login: `dev-${users.length + 1}` };
    users.push(user);
    return user;
  };
  const organizations: OrganizationModel[] = [];
  const deployments: DeploymentModel[] = [];
  for (let o = 0; o < shape.organizations; o += 1) {
    const members = Array.from({ length: shape.membersPerOrganization }, (_, i) => ({
      user: newUser(),
      role: i < shape.membersPerOrganization / 2 ? ("maintainer" as const) : ("reader" as const),
    }));
    const org: OrganizationModel = {
      organization: ulid(),
      name: `acme-${o + 1}`,
      owner: newUser(),
      members,
      installationId: String(40_000_001 + o),
      projects: [],
    };
    organizations.push(org);
    for (let p = 0; p < shape.projectsPerOrganization; p += 1) {
      const project: ProjectModel = {
        organization: org,
        projectKey: rng.hex(32),
        name: `Data Platform ${p + 1}`,
        repositoryUrl: `https://github.com/acme-${o + 1}/data-platform-${p + 1}`,
        secrets: new Set(),
      };
      org.projects.push(project);
      for (const env of ENVIRONMENTS) {
        const commit = rng.hex(40);
        deployments.push({
          project,
          deployment: env.deployment,
          environment: env.environment,
          gitRev: env.gitRev === "" ? commit : env.gitRev,
          pinned: env.gitRev === "",
          commit,
          schedules: SCHEDULES,
          enabled: new Map(SCHEDULES.map((s) => [s.name, false])),
        });
      }
    }
  }
  return { organizations, deployments, users };
}
