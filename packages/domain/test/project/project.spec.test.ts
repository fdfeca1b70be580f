import { describe, expect, it } from "vitest";
import { identifyProject, projectDecider, projectKeyOf, type ProjectEvent } from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { NEW_ID, ORG, ORG_ID, OTHER_ORG, PK, REPO } from "../support/fixtures.js";

const spec = deciderSpec(projectDecider);
const created: ProjectEvent = {
  type: "ProjectCreated",
  data: { organization: ORG, projectKey: PK, name: "Acme Data", repositoryUrl: REPO, rootPath: ".", internalId: ORG_ID },
};
const inProject = { organization: ORG, projectKey: PK } as const;

describe("projects: identity (rule 8)", () => {
  it("is defined by repository and root path; the key is derived from the organization, normalized URL and root", () => {
    const a = identifyProject({ organization: ORG, name: "Acme", repositoryUrl: "git@github.com:Acme/Data.git", rootPath: "./meltano/" });
    const b = identifyProject({
      organization: ORG,
      name: "Other name",
      repositoryUrl: "https://github.com/acme/data",
      rootPath: "meltano",
    });
    expect(a._tag === "Right" && b._tag === "Right" && a.right.projectKey === b.right.projectKey).toBe(true);
    expect(a._tag === "Right" && a.right).toMatchObject({
      repositoryUrl: REPO,
      rootPath: "meltano",
      projectKey: projectKeyOf(ORG, REPO, "meltano"),
    });
    const elsewhere = identifyProject({ organization: OTHER_ORG, name: "Acme", repositoryUrl: REPO, rootPath: "meltano" });
    expect(elsewhere._tag === "Right" && a._tag === "Right" && elsewhere.right.projectKey !== a.right.projectKey).toBe(true);
  });

  it("the root path defaults to '.'", () => {
    const identity = identifyProject({ organization: ORG, name: "Acme", repositoryUrl: REPO });
    expect(identity._tag === "Right" && identity.right.rootPath).toBe(".");
  });

  it.each(["/etc", "../other", "meltano/../../x", "a\\b"])("refuses the root path %j", (rootPath) => {
    const identity = identifyProject({ organization: ORG, name: "Acme", repositoryUrl: REPO, rootPath });
    expect(identity._tag === "Left" && identity.left.code).toBe("root-path-invalid");
  });

  it("refuses an unusable repository URL and a name without letters or digits", () => {
    const url = identifyProject({ organization: ORG, name: "Acme", repositoryUrl: "ftp://example.com/x" });
    expect(url._tag === "Left" && url.left.code).toBe("repository-url-invalid");
    const name = identifyProject({ organization: ORG, name: "  --  ", repositoryUrl: REPO });
    expect(name._tag === "Left" && name.left.code).toBe("project-name-invalid");
  });
});

describe("projects: lifecycle", () => {
  it("creates a project with an internal id distinct from meltano.yml's project_id", () => {
    spec
      .given([])
      .when({
        type: "CreateProject",
        organization: ORG,
        projectKey: PK,
        name: "Acme Data",
        repositoryUrl: REPO,
        rootPath: ".",
        internalId: ORG_ID,
      })
      .then([created]);
  });

  it("refuses to create the same project twice", () => {
    spec
      .given([created])
      .when({
        type: "CreateProject",
        organization: ORG,
        projectKey: PK,
        name: "Again",
        repositoryUrl: REPO,
        rootPath: ".",
        internalId: NEW_ID,
      })
      .thenFails((e) => e.code === "project-already-exists");
  });

  it("regenerating the internal id changes only the internal id", () => {
    spec
      .given([created])
      .when({ type: "RegenerateProjectId", ...inProject, internalId: NEW_ID })
      .then([{ type: "ProjectIdRegenerated", data: { ...inProject, previousInternalId: ORG_ID, internalId: NEW_ID } }]);
    spec
      .given([created])
      .when({ type: "RegenerateProjectId", ...inProject, internalId: NEW_ID })
      .thenState((state) => {
        expect(state).toMatchObject({ status: "active", internalId: NEW_ID, name: "Acme Data", repositoryUrl: REPO, rootPath: "." });
      });
  });

  it("a project of another organization reads as missing", () => {
    spec
      .given([created])
      .when({ type: "RegenerateProjectId", organization: OTHER_ORG, projectKey: PK, internalId: NEW_ID })
      .thenFails((e) => e.code === "project-not-found");
    spec
      .given([])
      .when({ type: "SetSecret", ...inProject, name: "TOKEN" })
      .thenFails((e) => e.code === "project-not-found");
  });

  it("keeps an index of its deployments; recording the same one twice is a no-op", () => {
    const added: ProjectEvent = {
      type: "ProjectDeploymentAdded",
      data: { ...inProject, deployment: "prod", environment: "prod", gitRev: "main" },
    };
    spec
      .given([created])
      .when({ type: "AddDeployment", ...inProject, deployment: "prod", environment: "prod", gitRev: "main" })
      .then([added]);
    spec
      .given([created, added])
      .when({ type: "AddDeployment", ...inProject, deployment: "prod", environment: "prod", gitRev: "main" })
      .thenNothing();
    spec
      .given([created, added])
      .when({ type: "RemoveDeployment", ...inProject, deployment: "prod" })
      .then([{ type: "ProjectDeploymentRemoved", data: { ...inProject, deployment: "prod" } }]);
    spec
      .given([created])
      .when({ type: "RemoveDeployment", ...inProject, deployment: "prod" })
      .thenNothing();
  });
});

describe("projects: secrets (rule 45)", () => {
  const set: ProjectEvent = { type: "SecretSet", data: { ...inProject, name: "TAP_GITHUB_AUTH_TOKEN" } };

  it("records only the name of a secret; setting it again overwrites and is recorded again", () => {
    spec
      .given([created])
      .when({ type: "SetSecret", ...inProject, name: "TAP_GITHUB_AUTH_TOKEN" })
      .then([set]);
    spec
      .given([created, set])
      .when({ type: "SetSecret", ...inProject, name: "TAP_GITHUB_AUTH_TOKEN" })
      .then([set]);
  });

  it("deletes a set secret; deleting an unknown one is an error", () => {
    spec
      .given([created, set])
      .when({ type: "DeleteSecret", ...inProject, name: "TAP_GITHUB_AUTH_TOKEN" })
      .then([{ type: "SecretDeleted", data: { ...inProject, name: "TAP_GITHUB_AUTH_TOKEN" } }]);
    spec
      .given([created])
      .when({ type: "DeleteSecret", ...inProject, name: "NOPE" })
      .thenFails((e) => e.code === "secret-not-found");
  });
});
