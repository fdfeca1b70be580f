// The seed's story as domain events: Acme's project with prod and staging deployments, `daily-transforms` enabled on
// prod only, plus a second organization (Globex) that must never show up in Acme's queries.
import { projectKeyOf, type DomainEvent } from "@cloud-ledger/domain";
import { LogScript } from "./domain-log.js";

export const ACME = "01GV0Z1VW5TSRF8BYX1J2V3WNT";
export const GLOBEX = "01GV0Z1VW5TSRF8BYX1J2V3WNV";
export const ACME_ID_1 = "01H0000000000000000000000A";
export const ACME_ID_2 = "01H0000000000000000000000B";
export const ACME_PROJECT_ID_1 = "01H0000000000000000000000C";
export const ACME_PROJECT_ID_2 = "01H0000000000000000000000D";
export const GLOBEX_ID = "01H0000000000000000000000E";
export const GLOBEX_PROJECT_ID = "01H0000000000000000000000F";
export const REPO = "https://github.com/acme/data.git";
export const GLOBEX_REPO = "https://github.com/globex/data.git";
export const ACME_PROJECT = projectKeyOf(ACME, REPO, ".");
export const GLOBEX_PROJECT = projectKeyOf(GLOBEX, GLOBEX_REPO, ".");
export const LAKE_PROJECT = projectKeyOf(ACME, REPO, "lake");
export const SEA_PROJECT = projectKeyOf(ACME, REPO, "sea");
export const COMMIT_1 = "1".repeat(40);
export const COMMIT_2 = "2".repeat(40);
export const DIGEST = "d".repeat(64);
export const EXEC_1 = "15e1cbbde6b2424f86c04b237291d652";
export const EXEC_2 = "25e1cbbde6b2424f86c04b237291d652";
export const EXEC_3 = "35e1cbbde6b2424f86c04b237291d652";
export const GLOBEX_EXEC = "45e1cbbde6b2424f86c04b237291d652";

const schedules = [
  { name: "daily-transforms", interval: "@daily" },
  { name: "hourly-sync", interval: "0 * * * *" },
  { name: "manual-backfill", interval: "@manual" },
];

const dep = (organization: string, projectKey: string, deployment: string) => ({ organization, projectKey, deployment });

export function acmeStory(): LogScript {
  const s = new LogScript();
  const acmeProd = dep(ACME, ACME_PROJECT, "prod");
  const acmeStaging = dep(ACME, ACME_PROJECT, "staging");
  const exec = (executionId: string, deployment: string, schedule: string, trigger: "adhoc" | "scheduled"): DomainEvent => ({
    type: "ExecutionRequested",
    data: {
      organization: ACME,
      projectKey: ACME_PROJECT,
      executionId,
      deployment,
      schedule,
      environment: deployment,
      commit: COMMIT_1,
      trigger,
    },
  });
  const ref = { organization: ACME, projectKey: ACME_PROJECT };
  s.add({ type: "UserSignedUp", data: { githubUserId: "1001", login: "wile" } })
    .add({ type: "UserSignedUp", data: { githubUserId: "1002", login: "roadrunner" } })
    .add({ type: "OrganizationNameClaimed", data: { name: "acme", organization: ACME } })
    .add({ type: "OrganizationCreated", data: { organization: ACME, name: "acme", internalId: ACME_ID_1, owner: "1001" } })
    .add({ type: "MemberAdded", data: { organization: ACME, githubUserId: "1002", role: "reader" } })
    .add({ type: "MemberRoleChanged", data: { organization: ACME, githubUserId: "1002", previousRole: "reader", role: "maintainer" } })
    .add({ type: "GitHubAppInstalled", data: { organization: ACME, installationId: "77", account: "acme", accountType: "organization" } })
    .add({ type: "RepositoryGranted", data: { organization: ACME, installationId: "77", repositoryUrl: REPO } })
    .add({
      type: "RepositoryGranted",
      data: { organization: ACME, installationId: "77", repositoryUrl: "https://github.com/acme/old.git" },
    })
    .add({
      type: "RepositoryRevoked",
      data: { organization: ACME, installationId: "77", repositoryUrl: "https://github.com/acme/old.git" },
    })
    .add({
      type: "ProjectCreated",
      data: { ...ref, name: "Acme Data", repositoryUrl: REPO, rootPath: ".", internalId: ACME_PROJECT_ID_1 },
    })
    .as("github:1002")
    .add({
      type: "DeploymentCreated",
      data: { ...acmeProd, environment: "prod", gitRev: "main", commit: COMMIT_1, manifestDigest: DIGEST, schedules },
    })
    .add({
      type: "DeploymentCreated",
      data: { ...acmeStaging, environment: "staging", gitRev: "develop", commit: COMMIT_1, manifestDigest: DIGEST, schedules },
    })
    .add({ type: "ScheduleEnabled", data: { ...acmeProd, schedule: "daily-transforms" } })
    .add({ type: "ScheduleEnabled", data: { ...acmeStaging, schedule: "hourly-sync" } })
    .add(exec(EXEC_1, "prod", "daily-transforms", "adhoc"))
    .add({ type: "ExecutionStarted", data: { ...ref, executionId: EXEC_1 } })
    .wait(90)
    .add({ type: "ExecutionFinished", data: { ...ref, executionId: EXEC_1, exitCode: 0 } })
    .add(exec(EXEC_2, "staging", "hourly-sync", "scheduled"))
    .add({ type: "ExecutionStarted", data: { ...ref, executionId: EXEC_2 } })
    .add({ type: "ExecutionStopped", data: { ...ref, executionId: EXEC_2, reason: "User requested stop" } })
    .as("system:github-webhook")
    .add({
      type: "DeploymentRedeployed",
      data: {
        ...acmeProd,
        previousCommit: COMMIT_1,
        commit: COMMIT_2,
        manifestDigest: DIGEST,
        trigger: "branch-updated",
        forced: false,
        preservedGitHash: false,
        schedulesAdded: [{ name: "weekly-report", interval: "@weekly" }],
        schedulesRemoved: [{ name: "manual-backfill", wasEnabled: false }],
        schedulesKept: [
          { name: "daily-transforms", interval: "@daily", enabled: true },
          { name: "hourly-sync", interval: "15,45 */2 * * 1,3,5", enabled: false },
        ],
      },
    })
    .as("github:1002")
    .add(exec(EXEC_3, "prod", "daily-transforms", "scheduled"))
    .add({ type: "ExecutionStarted", data: { ...ref, executionId: EXEC_3 } })
    .as("github:1001")
    .add({ type: "OrganizationIdRegenerated", data: { organization: ACME, previousInternalId: ACME_ID_1, internalId: ACME_ID_2 } })
    .add({ type: "ProjectIdRegenerated", data: { ...ref, previousInternalId: ACME_PROJECT_ID_1, internalId: ACME_PROJECT_ID_2 } })
    // Two more registrations on the organization's stream, each about another project.
    .add({
      type: "ProjectRegistered",
      data: { organization: ACME, projectKey: LAKE_PROJECT, name: "Lake", nameSlug: "lake", repositoryUrl: REPO, rootPath: "lake" },
    })
    .add({
      type: "ProjectRegistered",
      data: { organization: ACME, projectKey: SEA_PROJECT, name: "Sea", nameSlug: "sea", repositoryUrl: REPO, rootPath: "sea" },
    })
    // Globex: another tenant, also with a `prod` deployment and the same schedule names.
    .as("github:2001")
    .add({ type: "UserSignedUp", data: { githubUserId: "2001", login: "hank" } })
    .add({ type: "OrganizationCreated", data: { organization: GLOBEX, name: "globex", internalId: GLOBEX_ID, owner: "2001" } })
    .add({
      type: "GitHubAppInstalled",
      data: { organization: GLOBEX, installationId: "88", account: "globex", accountType: "organization" },
    })
    .add({ type: "RepositoryGranted", data: { organization: GLOBEX, installationId: "88", repositoryUrl: GLOBEX_REPO } })
    .add({
      type: "ProjectCreated",
      data: {
        organization: GLOBEX,
        projectKey: GLOBEX_PROJECT,
        name: "Acme Data",
        repositoryUrl: GLOBEX_REPO,
        rootPath: ".",
        internalId: GLOBEX_PROJECT_ID,
      },
    })
    .add({
      type: "DeploymentCreated",
      data: {
        ...dep(GLOBEX, GLOBEX_PROJECT, "prod"),
        environment: "prod",
        gitRev: "main",
        commit: COMMIT_2,
        manifestDigest: DIGEST,
        schedules,
      },
    })
    .add({
      type: "ExecutionRequested",
      data: {
        organization: GLOBEX,
        projectKey: GLOBEX_PROJECT,
        executionId: GLOBEX_EXEC,
        deployment: "prod",
        schedule: "daily-transforms",
        environment: "prod",
        commit: COMMIT_2,
        trigger: "adhoc",
      },
    });
  return s;
}
