import type { OrganizationEvent } from "./events.js";
import type { ActiveOrganization, Installation, OrganizationState } from "./state.js";

function withInstallation(state: ActiveOrganization, id: string, update: (installation: Installation) => Installation): ActiveOrganization {
  const installation = state.installations.get(id);
  if (installation === undefined) return state;
  return { ...state, installations: new Map(state.installations).set(id, update(installation)) };
}

export function evolveOrganization(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  if (event.type === "OrganizationCreated") {
    const { organization, name, internalId } = event.data;
    return { status: "active", organization, name, internalId, members: new Map(), installations: new Map(), projects: new Map() };
  }
  if (state.status === "absent") return state;
  switch (event.type) {
    case "OrganizationIdRegenerated":
      return { ...state, internalId: event.data.internalId };
    case "MemberAdded":
    case "MemberRoleChanged":
      return { ...state, members: new Map(state.members).set(event.data.githubUserId, event.data.role) };
    case "MemberRemoved": {
      const members = new Map(state.members);
      members.delete(event.data.githubUserId);
      return { ...state, members };
    }
    case "GitHubAppInstalled": {
      const { installationId, account, accountType } = event.data;
      return {
        ...state,
        installations: new Map(state.installations).set(installationId, { account, accountType, repositories: new Set() }),
      };
    }
    case "RepositoryGranted":
      return withInstallation(state, event.data.installationId, (i) => ({
        ...i,
        repositories: new Set(i.repositories).add(event.data.repositoryUrl),
      }));
    case "RepositoryRevoked":
      return withInstallation(state, event.data.installationId, (i) => {
        const repositories = new Set(i.repositories);
        repositories.delete(event.data.repositoryUrl);
        return { ...i, repositories };
      });
    case "GitHubAppUninstalled": {
      const installations = new Map(state.installations);
      installations.delete(event.data.installationId);
      return { ...state, installations };
    }
    case "ProjectRegistered": {
      const { projectKey, name, nameSlug, repositoryUrl, rootPath } = event.data;
      return { ...state, projects: new Map(state.projects).set(projectKey, { name, nameSlug, repositoryUrl, rootPath }) };
    }
  }
}
