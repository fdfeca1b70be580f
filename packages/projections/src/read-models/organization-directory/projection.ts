import type { DomainEvent, GithubAccountType, JsonValue, Role } from "@cloud-ledger/domain";
import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries, jsonObject } from "../shared/json-shape.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import type { OrganizationDirectoryState, OrganizationEntry } from "./state.js";

function apply(state: OrganizationDirectoryState, event: DomainEvent, occurredAt: string): void {
  switch (event.type) {
    case "UserSignedUp":
    case "UserLoginChanged":
      state.logins.set(event.data.githubUserId, event.data.login);
      return;
    case "OrganizationCreated":
      state.organizations.set(event.data.organization, {
        name: event.data.name,
        internalId: event.data.internalId,
        createdAt: occurredAt,
        members: new Map([[event.data.owner, "owner"]]),
        installations: new Map(),
      });
      return;
    case "OrganizationIdRegenerated":
    case "MemberAdded":
    case "MemberRoleChanged":
    case "MemberRemoved":
    case "GitHubAppInstalled":
    case "RepositoryGranted":
    case "RepositoryRevoked":
    case "GitHubAppUninstalled":
      break;
    default:
      return; // not about the directory: no lookup at all on the replay path
  }
  const org = state.organizations.get(event.data.organization);
  if (org === undefined) return;
  switch (event.type) {
    case "OrganizationIdRegenerated":
      org.internalId = event.data.internalId;
      return;
    case "MemberAdded":
    case "MemberRoleChanged":
      org.members.set(event.data.githubUserId, event.data.role);
      return;
    case "MemberRemoved":
      org.members.delete(event.data.githubUserId);
      return;
    case "GitHubAppInstalled":
      org.installations.set(event.data.installationId, {
        account: event.data.account,
        accountType: event.data.accountType,
        repositories: new Set(),
      });
      return;
    case "RepositoryGranted":
      org.installations.get(event.data.installationId)?.repositories.add(event.data.repositoryUrl);
      return;
    case "RepositoryRevoked":
      org.installations.get(event.data.installationId)?.repositories.delete(event.data.repositoryUrl);
      return;
    case "GitHubAppUninstalled":
      org.installations.delete(event.data.installationId);
      return;
    default:
  }
}

interface OrganizationJson {
  readonly name: string;
  readonly internalId: string;
  readonly createdAt: string;
  readonly members: [string, Role][];
  readonly installations: [string, { account: string; accountType: GithubAccountType; repositories: string[] }][];
}

function organizationToJson(org: OrganizationEntry): OrganizationJson {
  return {
    name: org.name,
    internalId: org.internalId,
    createdAt: org.createdAt,
    members: [...org.members],
    installations: entriesToJson(org.installations, (i) => ({
      account: i.account,
      accountType: i.accountType,
      repositories: [...i.repositories],
    })),
  };
}

function organizationFromJson(json: OrganizationJson): OrganizationEntry {
  return {
    name: json.name,
    internalId: json.internalId,
    createdAt: json.createdAt,
    members: new Map(json.members),
    installations: entriesFromJson(json.installations, (i) => ({ ...i, repositories: new Set(i.repositories) })),
  };
}

/** Organizations with their members and roles, GitHub App installations and granted repositories, and internal id. */
export const organizationDirectory: DomainProjection<OrganizationDirectoryState> = {
  name: "organization-directory",
  version: 1,
  initialState: () => ({ organizations: new Map(), logins: new Map() }),
  apply(state, event, recorded) {
    apply(state, event, recorded.metadata.occurredAt);
    return state;
  },
  toJson: (state) =>
    ({ organizations: entriesToJson(state.organizations, organizationToJson), logins: [...state.logins] }) as unknown as JsonValue,
  fromJson(json) {
    const o = jsonObject(json, "organization-directory");
    return {
      organizations: entriesFromJson(jsonEntries<OrganizationJson>(o["organizations"], "organizations"), organizationFromJson),
      logins: new Map(jsonEntries<string>(o["logins"], "logins")),
    };
  },
};
