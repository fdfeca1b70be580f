import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { CommandOf } from "../commands.js";
import { githubOwnerOf, normalizeRepositoryUrl } from "../naming/repository-url.js";
import { slugOf } from "../naming/slugify.js";
import type { OrganizationEvent } from "./events.js";
import { checkOrganizationName } from "./name-rules.js";
import { isRepositoryGranted, type ActiveOrganization, type OrganizationState } from "./state.js";
import { evolveOrganization } from "./evolve.js";

/** Creation with everything the application layer issued: billing account number, internal id and owner. */
export interface CreateOrganizationDecision {
  readonly type: "CreateOrganization";
  readonly organization: string;
  readonly name: string;
  readonly internalId: string;
  readonly owner: string;
}

export interface RegenerateOrganizationIdDecision {
  readonly type: "RegenerateOrganizationId";
  readonly organization: string;
  readonly internalId: string;
}

/** Registers a project (normalized repository URL and root path, derived key) in its organization's register. */
export interface RegisterProject {
  readonly type: "RegisterProject";
  readonly organization: string;
  readonly projectKey: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
}

export type OrganizationCommand =
  | CreateOrganizationDecision
  | RegenerateOrganizationIdDecision
  | RegisterProject
  | CommandOf<"AddMember">
  | CommandOf<"ChangeMemberRole">
  | CommandOf<"RemoveMember">
  | CommandOf<"InstallGitHubApp">
  | CommandOf<"GrantRepository">
  | CommandOf<"RevokeRepository">
  | CommandOf<"UninstallGitHubApp">;

type Result = Either<DomainError, readonly OrganizationEvent[]>;

function countOwners(state: ActiveOrganization): number {
  let owners = 0;
  for (const role of state.members.values()) if (role === "owner") owners += 1;
  return owners;
}

function decideActive(command: Exclude<OrganizationCommand, CreateOrganizationDecision>, state: ActiveOrganization): Result {
  const organization = state.organization;
  switch (command.type) {
    case "RegenerateOrganizationId":
      return right([
        { type: "OrganizationIdRegenerated", data: { organization, previousInternalId: state.internalId, internalId: command.internalId } },
      ]);
    case "AddMember": {
      if (state.members.has(command.githubUserId)) return left(DomainErrors.memberAlreadyExists(organization, command.githubUserId));
      return right([{ type: "MemberAdded", data: { organization, githubUserId: command.githubUserId, role: command.role } }]);
    }
    case "ChangeMemberRole": {
      const current = state.members.get(command.githubUserId);
      if (current === undefined) return left(DomainErrors.memberNotFound(organization, command.githubUserId));
      if (current === command.role) return right([]);
      if (current === "owner" && countOwners(state) === 1) return left(DomainErrors.lastOwner(organization, command.githubUserId));
      return right([
        {
          type: "MemberRoleChanged",
          data: { organization, githubUserId: command.githubUserId, previousRole: current, role: command.role },
        },
      ]);
    }
    case "RemoveMember": {
      const current = state.members.get(command.githubUserId);
      if (current === undefined) return left(DomainErrors.memberNotFound(organization, command.githubUserId));
      if (current === "owner" && countOwners(state) === 1) return left(DomainErrors.lastOwner(organization, command.githubUserId));
      return right([{ type: "MemberRemoved", data: { organization, githubUserId: command.githubUserId, role: current } }]);
    }
    case "InstallGitHubApp": {
      if (state.installations.has(command.installationId))
        return left(DomainErrors.installationAlreadyExists(organization, command.installationId));
      const { installationId, account, accountType } = command;
      return right([{ type: "GitHubAppInstalled", data: { organization, installationId, account, accountType } }]);
    }
    case "GrantRepository":
    case "RevokeRepository": {
      const installation = state.installations.get(command.installationId);
      if (installation === undefined) return left(DomainErrors.installationNotFound(organization, command.installationId));
      const normalized = normalizeRepositoryUrl(command.repositoryUrl);
      if (normalized._tag === "Left") return left(DomainErrors.repositoryUrlInvalid(command.repositoryUrl, normalized.left));
      const repositoryUrl = normalized.right;
      const owner = githubOwnerOf(repositoryUrl);
      // An installation on a GitHub account can only grant that account's repositories.
      if (owner !== undefined && owner !== installation.account.toLowerCase()) {
        return left(DomainErrors.repositoryNotInInstallation(repositoryUrl, command.installationId, installation.account));
      }
      const granted = installation.repositories.has(repositoryUrl);
      if (command.type === "GrantRepository") {
        return granted
          ? right([])
          : right([{ type: "RepositoryGranted", data: { organization, installationId: command.installationId, repositoryUrl } }]);
      }
      if (!granted) return left(DomainErrors.repositoryNotGranted(organization, repositoryUrl));
      return right([{ type: "RepositoryRevoked", data: { organization, installationId: command.installationId, repositoryUrl } }]);
    }
    case "UninstallGitHubApp": {
      const installation = state.installations.get(command.installationId);
      if (installation === undefined) return left(DomainErrors.installationNotFound(organization, command.installationId));
      const revokedRepositories = [...installation.repositories].sort();
      return right([{ type: "GitHubAppUninstalled", data: { organization, installationId: command.installationId, revokedRepositories } }]);
    }
    case "RegisterProject": {
      if (state.projects.has(command.projectKey)) return left(DomainErrors.projectAlreadyExists(command.repositoryUrl, command.rootPath));
      const nameSlug = slugOf(command.name);
      if (nameSlug === undefined) return left(DomainErrors.projectNameInvalid(command.name));
      for (const project of state.projects.values()) {
        if (project.nameSlug === nameSlug) return left(DomainErrors.projectNameTaken(command.name, nameSlug));
      }
      // Rule 10: the Meltano Cloud GitHub App must have access to the repository.
      if (!isRepositoryGranted(state, command.repositoryUrl))
        return left(DomainErrors.repositoryNotGranted(organization, command.repositoryUrl));
      const { projectKey, name, repositoryUrl, rootPath } = command;
      return right([{ type: "ProjectRegistered", data: { organization, projectKey, name, nameSlug, repositoryUrl, rootPath } }]);
    }
  }
}

/** An organization: its name, members and roles, GitHub App installations with granted repositories, and project register. */
export const organizationDecider: Decider<OrganizationCommand, OrganizationEvent, OrganizationState, DomainError> = {
  initialState: () => ({ status: "absent" }),
  decide(command, state) {
    if (command.type === "CreateOrganization") {
      if (state.status === "active") return left(DomainErrors.organizationAlreadyExists(command.organization));
      const name = checkOrganizationName(command.name);
      if (name._tag === "Left") return name;
      const { organization, internalId, owner } = command;
      return right([
        { type: "OrganizationCreated", data: { organization, name: name.right, internalId, owner } },
        { type: "MemberAdded", data: { organization, githubUserId: owner, role: "owner" } },
      ]);
    }
    if (state.status === "absent") return left(DomainErrors.organizationNotFound(command.organization));
    return decideActive(command, state);
  },
  evolve: evolveOrganization,
};
