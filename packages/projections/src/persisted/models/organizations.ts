import type { GithubAccountType, Role } from "@cloud-ledger/domain";
import { MODEL, type RowModel } from "./row-model.js";

export type OrganizationRow = { name: string; internalId: string; createdAt: string };
export type InstallationRow = { account: string; accountType: GithubAccountType; repositories: string[] };

/**
 * The organization directory as rows: one per organization, member (and, keyed the other way, membership of a
 * user), login and installation. Events about an organization the log never created are ignored, as in memory.
 */
export const organizationRows: RowModel = {
  name: "organization-directory",
  async apply(tx, event, recorded) {
    switch (event.type) {
      case "UserSignedUp":
      case "UserLoginChanged":
        tx.put(MODEL.login, "", event.data.githubUserId, event.data.login);
        return;
      case "OrganizationCreated": {
        const d = event.data;
        tx.put(MODEL.organization, "", d.organization, { name: d.name, internalId: d.internalId, createdAt: recorded.metadata.occurredAt });
        tx.put(MODEL.member, d.organization, d.owner, "owner");
        tx.put(MODEL.membership, d.owner, d.organization, "owner");
        return;
      }
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
        return;
    }
    const organization = event.data.organization;
    const org = await tx.get<OrganizationRow>(MODEL.organization, "", organization);
    if (org === undefined) return;
    switch (event.type) {
      case "OrganizationIdRegenerated":
        tx.put(MODEL.organization, "", organization, { ...org, internalId: event.data.internalId });
        return;
      case "MemberAdded":
      case "MemberRoleChanged": {
        const role: Role = event.data.role;
        tx.put(MODEL.member, organization, event.data.githubUserId, role);
        tx.put(MODEL.membership, event.data.githubUserId, organization, role);
        return;
      }
      case "MemberRemoved":
        tx.delete(MODEL.member, organization, event.data.githubUserId);
        tx.delete(MODEL.membership, event.data.githubUserId, organization);
        return;
      case "GitHubAppInstalled":
        tx.put(MODEL.installation, organization, event.data.installationId, {
          account: event.data.account,
          accountType: event.data.accountType,
          repositories: [],
        });
        return;
      case "RepositoryGranted":
      case "RepositoryRevoked": {
        const installation = await tx.get<InstallationRow>(MODEL.installation, organization, event.data.installationId);
        if (installation === undefined) return;
        const url = event.data.repositoryUrl;
        const others = installation.repositories.filter((r) => r !== url);
        const repositories = event.type === "RepositoryGranted" ? [...others, url] : others;
        tx.put(MODEL.installation, organization, event.data.installationId, { ...installation, repositories });
        return;
      }
      case "GitHubAppUninstalled":
        tx.delete(MODEL.installation, organization, event.data.installationId);
        return;
      default:
    }
  },
};
