import type { Command, Event, EventStore } from "@event-driven-io/emmett";
import { EmmettError } from "@event-driven-io/emmett";

/*
 * The context our control plane reads before each command — the organization (who is a member, with which role) and
 * the project (does it exist, in this organization; which deployments it indexes) — written the Emmett way, so the
 * Emmett side of the comparison reads and decides exactly as much as ours does.
 */

export type OrganizationEvent =
  | Event<"OrganizationCreated", { organization: string; owner: string }>
  | Event<"MemberAdded", { organization: string; githubUserId: string; role: "owner" | "maintainer" | "reader" }>;

export interface OrganizationState {
  readonly exists: boolean;
  readonly members: Readonly<Record<string, string>>;
}

export const initialOrganizationState = (): OrganizationState => ({ exists: false, members: {} });

export function evolveOrganization(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case "OrganizationCreated":
      return { exists: true, members: { [event.data.owner]: "owner" } };
    case "MemberAdded":
      return { ...state, members: { ...state.members, [event.data.githubUserId]: event.data.role } };
  }
}

export type ProjectEvent =
  | Event<"ProjectCreated", { organization: string; projectKey: string }>
  | Event<"ProjectDeploymentAdded", { projectKey: string; deployment: string; environment: string; gitRev: string }>;

export type ProjectCommand = Command<"AddDeployment", { projectKey: string; deployment: string; environment: string; gitRev: string }>;

export interface ProjectState {
  readonly organization: string | undefined;
  readonly deployments: readonly string[];
}

export const initialProjectState = (): ProjectState => ({ organization: undefined, deployments: [] });

export function evolveProject(state: ProjectState, event: ProjectEvent): ProjectState {
  switch (event.type) {
    case "ProjectCreated":
      return { organization: event.data.organization, deployments: [] };
    case "ProjectDeploymentAdded":
      return { ...state, deployments: [...state.deployments, event.data.deployment] };
  }
}

export function decideProject(command: ProjectCommand, state: ProjectState): ProjectEvent[] {
  if (state.organization === undefined) throw new EmmettError(`Project '${command.data.projectKey}' does not exist`);
  if (state.deployments.includes(command.data.deployment)) return [];
  return [{ type: "ProjectDeploymentAdded", data: command.data }];
}

/** Writes the tenant our setUpTenant created into an Emmett store: the organization with its maintainer, and the projects. */
export async function setUpEmmettTenant(
  store: EventStore,
  organization: string,
  owner: string,
  maintainer: string,
  projectKeys: readonly string[],
): Promise<void> {
  await store.appendToStream<OrganizationEvent>(`organization-${organization}`, [
    { type: "OrganizationCreated", data: { organization, owner } },
    { type: "MemberAdded", data: { organization, githubUserId: maintainer, role: "maintainer" } },
  ]);
  for (const projectKey of projectKeys) {
    await store.appendToStream<ProjectEvent>(`project-${projectKey}`, [{ type: "ProjectCreated", data: { organization, projectKey } }]);
  }
}

/** The role check our authorizeInOrganization makes for the mix's commands. */
export async function authorize(store: EventStore, organization: string, actor: string): Promise<void> {
  const { state } = await store.aggregateStream<OrganizationState, OrganizationEvent>(`organization-${organization}`, {
    evolve: evolveOrganization,
    initialState: initialOrganizationState,
  });
  if (!state.exists) throw new EmmettError(`Organization '${organization}' not found`);
  if (actor.startsWith("system:")) return;
  const role = state.members[actor.slice("github:".length)];
  if (role !== "maintainer" && role !== "owner") throw new EmmettError(`${actor} may not manage deployments in '${organization}'`);
}

export async function loadProject(store: EventStore, organization: string, projectKey: string): Promise<ProjectState> {
  const { state } = await store.aggregateStream<ProjectState, ProjectEvent>(`project-${projectKey}`, {
    evolve: evolveProject,
    initialState: initialProjectState,
  });
  if (state.organization !== organization) throw new EmmettError(`Project '${projectKey}' not found in '${organization}'`);
  return state;
}
