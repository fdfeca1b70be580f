import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  GithubAccountType,
  GithubUserId,
  InstallationId,
  NonEmptyString,
  ProjectKey,
  Role,
  Slug,
  Ulid,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

// Every organization event names its organization by billing account number, never by the replaceable internal id.
export const OrganizationCreated = defineEvent(
  "OrganizationCreated",
  1,
  struct("OrganizationCreated", { organization: Org, name: NonEmptyString, internalId: Ulid, owner: GithubUserId }, {}),
);
export const OrganizationIdRegenerated = defineEvent(
  "OrganizationIdRegenerated",
  1,
  struct("OrganizationIdRegenerated", { organization: Org, previousInternalId: Ulid, internalId: Ulid }, {}),
);
export const MemberAdded = defineEvent(
  "MemberAdded",
  1,
  struct("MemberAdded", { organization: Org, githubUserId: GithubUserId, role: Role }, {}),
);
export const MemberRoleChanged = defineEvent(
  "MemberRoleChanged",
  1,
  struct("MemberRoleChanged", { organization: Org, githubUserId: GithubUserId, previousRole: Role, role: Role }, {}),
);
export const MemberRemoved = defineEvent(
  "MemberRemoved",
  1,
  struct("MemberRemoved", { organization: Org, githubUserId: GithubUserId, role: Role }, {}),
);
export const GitHubAppInstalled = defineEvent(
  "GitHubAppInstalled",
  1,
  struct(
    "GitHubAppInstalled",
    { organization: Org, installationId: InstallationId, account: NonEmptyString, accountType: GithubAccountType },
    {},
  ),
);
export const RepositoryGranted = defineEvent(
  "RepositoryGranted",
  1,
  struct("RepositoryGranted", { organization: Org, installationId: InstallationId, repositoryUrl: NonEmptyString }, {}),
);
export const RepositoryRevoked = defineEvent(
  "RepositoryRevoked",
  1,
  struct("RepositoryRevoked", { organization: Org, installationId: InstallationId, repositoryUrl: NonEmptyString }, {}),
);
export const GitHubAppUninstalled = defineEvent(
  "GitHubAppUninstalled",
  1,
  struct(
    "GitHubAppUninstalled",
    { organization: Org, installationId: InstallationId, revokedRepositories: t.readonlyArray(NonEmptyString) },
    {},
  ),
);
/** The organization's register of its projects: it makes project keys and display-name slugs unique per organization. */
export const ProjectRegistered = defineEvent(
  "ProjectRegistered",
  1,
  struct(
    "ProjectRegistered",
    {
      organization: Org,
      projectKey: ProjectKey,
      name: NonEmptyString,
      nameSlug: Slug,
      repositoryUrl: NonEmptyString,
      rootPath: NonEmptyString,
    },
    {},
  ),
);

export const organizationEventDefinitions = [
  OrganizationCreated,
  OrganizationIdRegenerated,
  MemberAdded,
  MemberRoleChanged,
  MemberRemoved,
  GitHubAppInstalled,
  RepositoryGranted,
  RepositoryRevoked,
  GitHubAppUninstalled,
  ProjectRegistered,
] as const;
export type OrganizationEvent = EventOf<typeof organizationEventDefinitions>;

/** The global register of organization names (one stream per name): it makes names unique across organizations. */
export const OrganizationNameClaimed = defineEvent(
  "OrganizationNameClaimed",
  1,
  struct("OrganizationNameClaimed", { name: NonEmptyString, organization: Org }, {}),
);
export const organizationNameEventDefinitions = [OrganizationNameClaimed] as const;
export type OrganizationNameEvent = EventOf<typeof organizationNameEventDefinitions>;
