import type { GithubAccountType, Role } from "@cloud-ledger/domain";

export interface InstallationEntry {
  readonly account: string;
  readonly accountType: GithubAccountType;
  /** Normalized repository URLs granted to Meltano Cloud through this installation. */
  readonly repositories: Set<string>;
}

export interface OrganizationEntry {
  readonly name: string;
  internalId: string;
  readonly createdAt: string;
  /** GitHub user id -> role. */
  readonly members: Map<string, Role>;
  /** Installation id -> installation. */
  readonly installations: Map<string, InstallationEntry>;
}

export interface OrganizationDirectoryState {
  /** Billing account number -> organization. */
  readonly organizations: Map<string, OrganizationEntry>;
  /** GitHub user id -> current login (logins can change; the id cannot). */
  readonly logins: Map<string, string>;
}
