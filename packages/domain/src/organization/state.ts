import type { GithubAccountType, Role } from "../codec/primitives.js";

export interface Installation {
  readonly account: string;
  readonly accountType: GithubAccountType;
  /** Normalized repository URLs granted through this installation. */
  readonly repositories: ReadonlySet<string>;
}

export interface RegisteredProject {
  readonly name: string;
  readonly nameSlug: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
}

export interface ActiveOrganization {
  readonly status: "active";
  readonly organization: string;
  readonly name: string;
  readonly internalId: string;
  /** GitHub user id -> role. */
  readonly members: ReadonlyMap<string, Role>;
  readonly installations: ReadonlyMap<string, Installation>;
  /** Project key -> what the organization registered. */
  readonly projects: ReadonlyMap<string, RegisteredProject>;
}

export type OrganizationState = { readonly status: "absent" } | ActiveOrganization;

/** True when any installation currently grants the (normalized) repository. */
export function isRepositoryGranted(state: ActiveOrganization, repositoryUrl: string): boolean {
  for (const installation of state.installations.values()) {
    if (installation.repositories.has(repositoryUrl)) return true;
  }
  return false;
}

/** Projects of this organization defined on a repository (normalized URL). */
export function projectsOfRepository(state: ActiveOrganization, repositoryUrl: string): string[] {
  return [...state.projects].filter(([, project]) => project.repositoryUrl === repositoryUrl).map(([key]) => key);
}
