import type { ControlPlane, ControlPlaneCommand, EventStore } from "@cloud-ledger/domain";
import { createControlPlane } from "@cloud-ledger/domain";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import type { MixDriver } from "./command-mix.js";
import { createFakeGitResolver } from "./fake-git.js";

/** The tenant every command-mix run acts in: set up once per store, untimed. */
export interface Tenant {
  readonly organization: string;
  /** One project per writer: concurrent writers work on different projects, as teams do. */
  readonly projectKeys: readonly string[];
  /** A maintainer: may manage deployments and schedules and run executions. */
  readonly maintainer: string;
}

export const OWNER_ID = "100001";
export const MAINTAINER_ID = "100002";
/** The runner that reports execution progress is the platform, as in Meltano Cloud. */
const RUNNER = "system:runner";

export class CommandRejectedError extends Error {
  override readonly name = "CommandRejectedError";
}

async function send(plane: ControlPlane, actor: string, command: ControlPlaneCommand, commandId: string) {
  const result = await plane.dispatch({ command, commandId, actor });
  // A benchmark that silently counted refused commands would measure nothing: any refusal stops the run.
  if (result._tag === "Left") throw new CommandRejectedError(`${command.type} was refused: ${JSON.stringify(result.left)}`);
  return result.right;
}

export function createOurControlPlane(store: EventStore, seed: number): { plane: ControlPlane; nextId: () => string } {
  const ids = createSeededIdGenerator(seed);
  const plane = createControlPlane({ store, clock: createSystemClock(), ids, git: createFakeGitResolver(), sha256: nodeSha256Hex });
  return { plane, nextId: () => ids.ulid() };
}

/** Signs up an owner and a maintainer, creates the organization, grants the repositories and creates the projects. */
export async function setUpTenant(store: EventStore, seed: number, projects: number): Promise<Tenant> {
  const { plane, nextId } = createOurControlPlane(store, seed);
  const owner = `github:${OWNER_ID}`;
  await send(plane, owner, { type: "SignUpUser", githubUserId: OWNER_ID, login: "acme-owner" }, nextId());
  await send(plane, `github:${MAINTAINER_ID}`, { type: "SignUpUser", githubUserId: MAINTAINER_ID, login: "acme-dev" }, nextId());
  const created = await send(plane, owner, { type: "CreateOrganization", name: "acme-bench" }, nextId());
  const organization = created.events.find((e) => e.type === "OrganizationCreated")?.streamName.slice("organization-".length);
  if (organization === undefined) throw new Error("CreateOrganization appended no OrganizationCreated event");
  await send(plane, owner, { type: "AddMember", organization, githubUserId: MAINTAINER_ID, role: "maintainer" }, nextId());
  await send(
    plane,
    owner,
    { type: "InstallGitHubApp", organization, installationId: "4000001", account: "acme", accountType: "organization" },
    nextId(),
  );
  const projectKeys: string[] = [];
  for (let p = 1; p <= projects; p += 1) {
    const repositoryUrl = `https://github.com/acme/data-platform-${p}`;
    await send(plane, owner, { type: "GrantRepository", organization, installationId: "4000001", repositoryUrl }, nextId());
    const project = await send(plane, owner, { type: "CreateProject", organization, name: `Data Platform ${p}`, repositoryUrl }, nextId());
    const projectKey = project.events.find((e) => e.type === "ProjectCreated")?.streamName.slice("project-".length);
    if (projectKey === undefined) throw new Error("CreateProject appended no ProjectCreated event");
    projectKeys.push(projectKey);
  }
  return { organization, projectKeys, maintainer: `github:${MAINTAINER_ID}` };
}

/** The command mix through our control plane: authorize, load context, decide, hash, append — per command. */
/**
 * `shared` lets several writers use one control plane (and so one command handler and stream cache), as concurrent
 * requests in one service process would; by default each writer gets its own, as separate processes would.
 */
export function createOurDriver(store: EventStore, tenant: Tenant, writer: number, seed: number, shared?: ControlPlane): MixDriver {
  const own = createOurControlPlane(store, seed);
  const plane = shared ?? own.plane;
  const nextId = own.nextId;
  const { organization, maintainer } = tenant;
  const projectKey = tenant.projectKeys[writer % tenant.projectKeys.length];
  if (projectKey === undefined) throw new Error("the tenant has no project");
  const as = (actor: string, command: ControlPlaneCommand) => send(plane, actor, command, nextId());
  return {
    async createDeployment(name) {
      await as(maintainer, { type: "CreateDeployment", organization, projectKey, name, environment: "prod", gitRev: "main" });
    },
    async enableSchedule(deployment, schedule) {
      await as(maintainer, { type: "EnableSchedule", organization, projectKey, deployment, schedule });
    },
    async disableSchedule(deployment, schedule) {
      await as(maintainer, { type: "DisableSchedule", organization, projectKey, deployment, schedule });
    },
    async requestExecution(deployment, schedule) {
      const done = await as(maintainer, { type: "RunSchedule", organization, projectKey, deployment, schedule });
      const requested = done.events.find((e) => e.type === "ExecutionRequested");
      if (requested === undefined) throw new Error("RunSchedule appended no ExecutionRequested event");
      return requested.streamName.slice("execution-".length);
    },
    async startExecution(executionId) {
      await as(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
    },
    async finishExecution(executionId, exitCode) {
      await as(RUNNER, { type: "FinishExecution", organization, projectKey, executionId, exitCode });
    },
  };
}
