import { describe, expect, it } from "vitest";
import { checkOrganizationName, organizationDecider, organizationNameDecider, type OrganizationEvent } from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { NEW_ID, ORG, ORG_ID, PK, REPO } from "../support/fixtures.js";

const spec = deciderSpec(organizationDecider);
const created: OrganizationEvent[] = [
  { type: "OrganizationCreated", data: { organization: ORG, name: "acme", internalId: ORG_ID, owner: "1001" } },
  { type: "MemberAdded", data: { organization: ORG, githubUserId: "1001", role: "owner" } },
];
const installed: OrganizationEvent = {
  type: "GitHubAppInstalled",
  data: { organization: ORG, installationId: "42", account: "Acme", accountType: "organization" },
};
const granted: OrganizationEvent = { type: "RepositoryGranted", data: { organization: ORG, installationId: "42", repositoryUrl: REPO } };
const registered: OrganizationEvent = {
  type: "ProjectRegistered",
  data: { organization: ORG, projectKey: PK, name: "Acme Data", nameSlug: "acme-data", repositoryUrl: REPO, rootPath: "." },
};
const register = {
  type: "RegisterProject" as const,
  organization: ORG,
  projectKey: "a".repeat(32),
  repositoryUrl: REPO,
  rootPath: "meltano",
};

describe("organizations: creation and name rules", () => {
  it("creates an organization with its billing account number, internal id and owner", () => {
    spec.given([]).when({ type: "CreateOrganization", organization: ORG, name: "acme", internalId: ORG_ID, owner: "1001" }).then(created);
  });

  it("refuses a second creation on the same billing account number", () => {
    spec
      .given(created)
      .when({ type: "CreateOrganization", organization: ORG, name: "acme", internalId: ORG_ID, owner: "1001" })
      .thenFails((e) => e.code === "organization-already-exists");
  });

  it.each([
    ["", "it must not be empty"],
    ["a".repeat(21), "at most 20 characters"],
    ["Acme", "only lowercase letters, digits and dashes"],
    ["acme_data", "only lowercase letters, digits and dashes"],
  ])("refuses the name %j (%s)", (name, reason) => {
    const error = spec
      .given([])
      .when({ type: "CreateOrganization", organization: ORG, name, internalId: ORG_ID, owner: "1001" })
      .thenFails((e) => e.code === "organization-name-invalid");
    expect(error.message).toContain(reason);
  });

  it("accepts a name of exactly 20 characters", () => {
    expect(checkOrganizationName("a-20-character-name0")._tag).toBe("Right");
  });

  it("names are unique across organizations: the first claim wins", () => {
    const claims = deciderSpec(organizationNameDecider);
    claims
      .given([])
      .when({ type: "ClaimOrganizationName", name: "acme", organization: ORG })
      .then([{ type: "OrganizationNameClaimed", data: { name: "acme", organization: ORG } }]);
    claims
      .given([{ type: "OrganizationNameClaimed", data: { name: "acme", organization: ORG } }])
      .when({ type: "ClaimOrganizationName", name: "acme", organization: "01GV0Z1VW5TSRF8BYX1J2V3WNV" })
      .thenFails((e) => e.code === "organization-name-taken");
  });

  it("regenerating the internal id changes only the internal id", () => {
    spec
      .given(created)
      .when({ type: "RegenerateOrganizationId", organization: ORG, internalId: NEW_ID })
      .then([{ type: "OrganizationIdRegenerated", data: { organization: ORG, previousInternalId: ORG_ID, internalId: NEW_ID } }]);
  });

  it("commands on an organization that does not exist are refused", () => {
    spec
      .given([])
      .when({ type: "AddMember", organization: ORG, githubUserId: "7", role: "reader" })
      .thenFails((e) => e.code === "organization-not-found");
  });
});

describe("organizations: members and roles", () => {
  const withBob: OrganizationEvent[] = [
    ...created,
    { type: "MemberAdded", data: { organization: ORG, githubUserId: "1002", role: "maintainer" } },
  ];

  it("adds a member with a role", () => {
    spec
      .given(created)
      .when({ type: "AddMember", organization: ORG, githubUserId: "1002", role: "maintainer" })
      .then([{ type: "MemberAdded", data: { organization: ORG, githubUserId: "1002", role: "maintainer" } }]);
  });

  it("refuses to add a member twice", () => {
    spec
      .given(withBob)
      .when({ type: "AddMember", organization: ORG, githubUserId: "1002", role: "reader" })
      .thenFails((e) => e.code === "member-already-exists");
  });

  it("changes a role, recording the previous one; the same role records nothing", () => {
    spec
      .given(withBob)
      .when({ type: "ChangeMemberRole", organization: ORG, githubUserId: "1002", role: "reader" })
      .then([{ type: "MemberRoleChanged", data: { organization: ORG, githubUserId: "1002", previousRole: "maintainer", role: "reader" } }]);
    spec.given(withBob).when({ type: "ChangeMemberRole", organization: ORG, githubUserId: "1002", role: "maintainer" }).thenNothing();
  });

  it("removes a member; an unknown member is an error", () => {
    spec
      .given(withBob)
      .when({ type: "RemoveMember", organization: ORG, githubUserId: "1002" })
      .then([{ type: "MemberRemoved", data: { organization: ORG, githubUserId: "1002", role: "maintainer" } }]);
    spec
      .given(created)
      .when({ type: "RemoveMember", organization: ORG, githubUserId: "1002" })
      .thenFails((e) => e.code === "member-not-found");
  });

  it("never leaves an organization without an owner", () => {
    spec
      .given(withBob)
      .when({ type: "RemoveMember", organization: ORG, githubUserId: "1001" })
      .thenFails((e) => e.code === "last-owner");
    spec
      .given(withBob)
      .when({ type: "ChangeMemberRole", organization: ORG, githubUserId: "1001", role: "maintainer" })
      .thenFails((e) => e.code === "last-owner");
    const twoOwners: OrganizationEvent[] = [
      ...created,
      { type: "MemberAdded", data: { organization: ORG, githubUserId: "1002", role: "owner" } },
    ];
    spec
      .given(twoOwners)
      .when({ type: "RemoveMember", organization: ORG, githubUserId: "1001" })
      .then([{ type: "MemberRemoved", data: { organization: ORG, githubUserId: "1001", role: "owner" } }]);
  });
});

describe("organizations: GitHub App installations and repository grants", () => {
  it("installs the app on several GitHub accounts", () => {
    const second: OrganizationEvent = {
      type: "GitHubAppInstalled",
      data: { organization: ORG, installationId: "43", account: "octocat", accountType: "user" },
    };
    spec
      .given([...created, installed])
      .when({ type: "InstallGitHubApp", organization: ORG, installationId: "43", account: "octocat", accountType: "user" })
      .then([second]);
    spec
      .given([...created, installed])
      .when({ type: "InstallGitHubApp", organization: ORG, installationId: "42", account: "Acme", accountType: "organization" })
      .thenFails((e) => e.code === "installation-already-exists");
  });

  it("grants a repository by its normalized URL; granting again records nothing", () => {
    spec
      .given([...created, installed])
      .when({ type: "GrantRepository", organization: ORG, installationId: "42", repositoryUrl: "git@github.com:Acme/Data.git" })
      .then([granted]);
    spec
      .given([...created, installed, granted])
      .when({ type: "GrantRepository", organization: ORG, installationId: "42", repositoryUrl: `${REPO}/` })
      .thenNothing();
  });

  it("refuses a repository of another GitHub account, an unknown installation and a malformed URL", () => {
    const given = spec.given([...created, installed]);
    given
      .when({ type: "GrantRepository", organization: ORG, installationId: "42", repositoryUrl: "https://github.com/evil/data" })
      .thenFails((e) => e.code === "repository-not-in-installation");
    given
      .when({ type: "GrantRepository", organization: ORG, installationId: "99", repositoryUrl: REPO })
      .thenFails((e) => e.code === "installation-not-found");
    given
      .when({ type: "GrantRepository", organization: ORG, installationId: "42", repositoryUrl: "not a url" })
      .thenFails((e) => e.code === "repository-url-invalid");
  });

  it("revokes a granted repository; revoking one that is not granted is an error", () => {
    spec
      .given([...created, installed, granted])
      .when({ type: "RevokeRepository", organization: ORG, installationId: "42", repositoryUrl: REPO })
      .then([{ type: "RepositoryRevoked", data: { organization: ORG, installationId: "42", repositoryUrl: REPO } }]);
    spec
      .given([...created, installed])
      .when({ type: "RevokeRepository", organization: ORG, installationId: "42", repositoryUrl: REPO })
      .thenFails((e) => e.code === "repository-not-granted");
  });

  it("uninstalling revokes every repository of the installation", () => {
    spec
      .given([...created, installed, granted])
      .when({ type: "UninstallGitHubApp", organization: ORG, installationId: "42" })
      .then([{ type: "GitHubAppUninstalled", data: { organization: ORG, installationId: "42", revokedRepositories: [REPO] } }]);
    spec
      .given([
        ...created,
        installed,
        granted,
        { type: "GitHubAppUninstalled", data: { organization: ORG, installationId: "42", revokedRepositories: [REPO] } },
      ])
      .when({ ...register, name: "New" })
      .thenFails((e) => e.code === "repository-not-granted");
  });
});

describe("organizations: the project register (rules 9, 10)", () => {
  const ready = [...created, installed, granted];

  it("registers a project on a granted repository with its name slug", () => {
    spec
      .given(ready)
      .when({ ...register, name: "Acme Data" })
      .then([
        {
          type: "ProjectRegistered",
          data: {
            organization: ORG,
            projectKey: "a".repeat(32),
            name: "Acme Data",
            nameSlug: "acme-data",
            repositoryUrl: REPO,
            rootPath: "meltano",
          },
        },
      ]);
  });

  it("rule 9: refuses a name whose slug is taken, with the 'normalized to' message", () => {
    const error = spec
      .given([...ready, registered])
      .when({ ...register, name: "ACME  data!" })
      .thenFails((e) => e.code === "project-name-taken");
    expect(error.message).toBe("A project named 'ACME  data!' (normalized to 'acme-data') already exists.");
  });

  it("refuses a name with no letter or digit", () => {
    spec
      .given(ready)
      .when({ ...register, name: "!!!" })
      .thenFails((e) => e.code === "project-name-invalid");
  });

  it("rule 10: refuses a repository the GitHub App cannot access", () => {
    spec
      .given([...created, installed])
      .when({ ...register, name: "Acme Data" })
      .thenFails((e) => e.code === "repository-not-granted");
  });

  it("refuses a second project with the same key (same repository and root path)", () => {
    spec
      .given([...ready, registered])
      .when({ ...register, projectKey: PK, name: "Other" })
      .thenFails((e) => e.code === "project-already-exists");
  });
});
