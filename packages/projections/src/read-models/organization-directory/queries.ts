import type { BillingAccountNumber } from "@cloud-ledger/domain";
import type { GithubAccountType, Role } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import type { OrganizationDirectoryState } from "./state.js";

export interface MemberView {
  readonly githubUserId: string;
  /** The member's current GitHub login, when the user's sign-up is in the log. */
  readonly login?: string;
  readonly role: Role;
}

export interface InstallationView {
  readonly installationId: string;
  readonly account: string;
  readonly accountType: GithubAccountType;
  readonly repositories: readonly string[];
}

export interface OrganizationView {
  readonly billingAccountNumber: BillingAccountNumber;
  readonly name: string;
  /** The current internal organization id (it may be regenerated at any time). */
  readonly internalId: string;
  readonly createdAt: string;
  readonly members: readonly MemberView[];
  readonly installations: readonly InstallationView[];
}

export interface MembershipView {
  readonly billingAccountNumber: BillingAccountNumber;
  readonly name: string;
  readonly role: Role;
}

/** One organization, by billing account number; fresh objects every call. */
export function organizationView(
  state: OrganizationDirectoryState,
  billingAccountNumber: BillingAccountNumber,
): OrganizationView | undefined {
  const org = state.organizations.get(billingAccountNumber);
  if (org === undefined) return undefined;
  const members = [...org.members.keys()].sort(byCodeUnits).map((githubUserId): MemberView => {
    const login = state.logins.get(githubUserId);
    const role = org.members.get(githubUserId) as Role;
    return login === undefined ? { githubUserId, role } : { githubUserId, login, role };
  });
  const installations = [...org.installations.keys()].sort(byCodeUnits).map((installationId): InstallationView => {
    const i = org.installations.get(installationId);
    return {
      installationId,
      account: i?.account ?? "",
      accountType: i?.accountType ?? "organization",
      repositories: [...(i?.repositories ?? [])].sort(byCodeUnits),
    };
  });
  return { billingAccountNumber, name: org.name, internalId: org.internalId, createdAt: org.createdAt, members, installations };
}

/** The organizations a user belongs to, with the user's role in each, ordered by name. */
export function membershipsOf(state: OrganizationDirectoryState, githubUserId: string): readonly MembershipView[] {
  const out: MembershipView[] = [];
  for (const [billingAccountNumber, org] of state.organizations) {
    const role = org.members.get(githubUserId);
    if (role !== undefined) out.push({ billingAccountNumber, name: org.name, role });
  }
  return out.sort((a, b) => byCodeUnits(a.name, b.name));
}

/** Whether a repository URL (normalized, as granted) is granted to the organization through any installation. */
export function isRepositoryGranted(
  state: OrganizationDirectoryState,
  billingAccountNumber: BillingAccountNumber,
  repositoryUrl: string,
): boolean {
  const org = state.organizations.get(billingAccountNumber);
  if (org === undefined) return false;
  for (const installation of org.installations.values()) if (installation.repositories.has(repositoryUrl)) return true;
  return false;
}
