import { beforeAll, describe, expect, it } from "vitest";
import {
  auditTrailOf,
  createReadModelRunner,
  deploymentsOf,
  deploymentView,
  executionHistoryOf,
  executionView,
  internalIdHistoryOf,
  internalIdRecordOf,
  isRepositoryGranted,
  membershipsOf,
  organizationView,
  projectsNamed,
  projectsOf,
  projectView,
  readModelStatesOf,
  readModelsAsOf,
  resolveInternalId,
  scheduleList,
  scheduleMatrixView,
  type ReadModelStates,
} from "../../src/index.js";
import { appendLog } from "../support/domain-log.js";
import { createTestCheckpointStore, createTestEventStore } from "../support/memory-store.js";
import {
  ACME,
  ACME_ID_1,
  ACME_ID_2,
  ACME_PROJECT,
  ACME_PROJECT_ID_1,
  ACME_PROJECT_ID_2,
  COMMIT_1,
  COMMIT_2,
  EXEC_1,
  EXEC_2,
  EXEC_3,
  GLOBEX,
  GLOBEX_EXEC,
  GLOBEX_PROJECT,
  LAKE_PROJECT,
  REPO,
  SEA_PROJECT,
  acmeStory,
} from "../support/acme.js";

const story = acmeStory();
const store = createTestEventStore();
let models: ReadModelStates;
beforeAll(async () => {
  await appendLog(store, story.entries);
  models = await readModelsAsOf(store);
});

describe("organization directory", () => {
  it("shows members with roles and logins, installations with granted repositories, and the current internal id", () => {
    expect(organizationView(models.organizationDirectory, ACME)).toEqual({
      billingAccountNumber: ACME,
      name: "acme",
      internalId: ACME_ID_2,
      createdAt: story.timeOf(3),
      members: [
        { githubUserId: "1001", login: "wile", role: "owner" },
        { githubUserId: "1002", login: "roadrunner", role: "maintainer" },
      ],
      installations: [{ installationId: "77", account: "acme", accountType: "organization", repositories: [REPO] }],
    });
    expect(isRepositoryGranted(models.organizationDirectory, ACME, REPO)).toBe(true);
    expect(isRepositoryGranted(models.organizationDirectory, ACME, "https://github.com/acme/old.git")).toBe(false);
    expect(isRepositoryGranted(models.organizationDirectory, GLOBEX, REPO)).toBe(false);
  });

  it("lists a user's memberships only", () => {
    expect(membershipsOf(models.organizationDirectory, "1002")).toEqual([{ billingAccountNumber: ACME, name: "acme", role: "maintainer" }]);
    expect(membershipsOf(models.organizationDirectory, "2001")).toEqual([{ billingAccountNumber: GLOBEX, name: "globex", role: "owner" }]);
    expect(organizationView(models.organizationDirectory, "01GV0Z1VW5TSRF8BYX1J2V3WNX")).toBeUndefined();
  });
});

describe("project catalog", () => {
  it("lists each organization's own projects only, with their current internal id", () => {
    expect(projectsOf(models.projectCatalog, ACME)).toEqual([
      {
        projectKey: ACME_PROJECT,
        name: "Acme Data",
        repositoryUrl: REPO,
        rootPath: ".",
        internalId: ACME_PROJECT_ID_2,
        createdAt: story.timeOf(10),
      },
    ]);
    // Globex has a project with the same display name: never visible from Acme, and vice versa.
    expect(projectsNamed(models.projectCatalog, ACME, "Acme Data").map((p) => p.projectKey)).toEqual([ACME_PROJECT]);
    expect(projectsNamed(models.projectCatalog, GLOBEX, "Acme Data").map((p) => p.projectKey)).toEqual([GLOBEX_PROJECT]);
    expect(projectsNamed(models.projectCatalog, ACME, "acme data")).toEqual([]);
    expect(projectView(models.projectCatalog, ACME, GLOBEX_PROJECT)).toBeUndefined();
  });
});

describe("deployment board", () => {
  it("shows environment, tracked rev, deployed commit and last deployed time per deployment", () => {
    expect(deploymentsOf(models.deploymentBoard, ACME, ACME_PROJECT)).toEqual([
      {
        deployment: "prod",
        environment: "prod",
        gitRev: "main",
        commit: COMMIT_2,
        shortCommit: "2222222",
        lastDeployedAt: story.timeOf(21),
        createdAt: story.timeOf(11),
      },
      {
        deployment: "staging",
        environment: "staging",
        gitRev: "develop",
        commit: COMMIT_1,
        shortCommit: "1111111",
        lastDeployedAt: story.timeOf(12),
        createdAt: story.timeOf(12),
      },
    ]);
    expect(deploymentsOf(models.deploymentBoard, ACME, GLOBEX_PROJECT)).toEqual([]);
    expect(deploymentView(models.deploymentBoard, GLOBEX, GLOBEX_PROJECT, "prod")?.commit).toBe(COMMIT_2);
  });
});

describe("schedule matrix", () => {
  const from = "2023-06-01T00:00:00Z";
  it("renders the seed's example: daily-transforms enabled on prod, disabled on staging", () => {
    const matrix = scheduleMatrixView(models.scheduleMatrix, ACME, ACME_PROJECT, { from });
    expect(matrix.deployments).toEqual(["prod", "staging"]);
    const row = (name: string) => matrix.rows.find((r) => r.schedule === name)?.cells.map((c) => c && [c.enabled, c.runsPerDay]);
    expect(row("daily-transforms")).toEqual([
      [true, "1.0"],
      [false, "1.0"],
    ]);
    // The redeploy of prod kept hourly-sync (with a new interval), removed manual-backfill and added weekly-report.
    expect(row("hourly-sync")).toEqual([
      [false, "10.3"],
      [true, "24.0"],
    ]);
    expect(row("manual-backfill")).toEqual([null, [false, "0"]]);
    expect(row("weekly-report")).toEqual([[false, "< 1"], null]);
  });

  it("lists schedules like `schedule list`, optionally for one deployment, and never another tenant's", () => {
    expect(scheduleList(models.scheduleMatrix, ACME, ACME_PROJECT, { from, deployment: "staging" })).toEqual([
      { deployment: "staging", schedule: "daily-transforms", interval: "@daily", enabled: false, runsPerDay: "1.0" },
      { deployment: "staging", schedule: "hourly-sync", interval: "0 * * * *", enabled: true, runsPerDay: "24.0" },
      { deployment: "staging", schedule: "manual-backfill", interval: "@manual", enabled: false, runsPerDay: "0" },
    ]);
    expect(scheduleList(models.scheduleMatrix, GLOBEX, ACME_PROJECT, { from })).toEqual([]);
    expect(() => scheduleList(models.scheduleMatrix, ACME, ACME_PROJECT, { from: "soon" })).toThrow("'from' must be an ISO-8601 instant");
  });
});

describe("execution history", () => {
  it("applies the Result and Duration rules, newest first", () => {
    const page = executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT);
    expect(page.truncated).toBe(false);
    expect(page.rows.map((r) => [r.executionId, r.result, r.duration])).toEqual([
      [EXEC_3, "Running", "N/A"],
      [EXEC_2, "Failed", "00:01:00"],
      [EXEC_1, "Success", "01:31:00"],
    ]);
    expect(executionView(models.executionHistory, ACME, ACME_PROJECT, EXEC_2)).toMatchObject({
      status: "STOPPED",
      exitCode: null,
      stopReason: "User requested stop",
      trigger: "scheduled",
      deployment: "staging",
    });
    expect(executionView(models.executionHistory, ACME, ACME_PROJECT, GLOBEX_EXEC)).toBeUndefined();
  });

  it("filters by schedule, deployment, result, start time and limit", () => {
    const ids = (query: Parameters<typeof executionHistoryOf>[3]) =>
      executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT, query).rows.map((r) => r.executionId);
    expect(ids({ schedule: { exact: "daily-transforms" } })).toEqual([EXEC_3, EXEC_1]);
    expect(ids({ schedule: { prefix: "daily" } })).toEqual([EXEC_3, EXEC_1]);
    expect(ids({ schedule: { contains: "sync" } })).toEqual([EXEC_2]);
    expect(ids({ schedule: { exact: "daily" } })).toEqual([]);
    expect(ids({ deployment: { prefix: "stag" } })).toEqual([EXEC_2]);
    expect(ids({ result: "success" })).toEqual([EXEC_1]);
    expect(ids({ result: "failed" })).toEqual([EXEC_2]);
    expect(ids({ result: "running" })).toEqual([EXEC_3]);
    expect(ids({ since: story.timeOf(19) })).toEqual([EXEC_3, EXEC_2]);
    const limited = executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT, { limit: 2 });
    expect(limited.rows.map((r) => r.executionId)).toEqual([EXEC_3, EXEC_2]);
    expect(limited.truncated).toBe(true);
  });

  it("rejects malformed queries with a typed error", () => {
    const bad = { exact: "a", prefix: "b" } as unknown as { exact: string };
    expect(() => executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT, { schedule: bad })).toThrow(
      "At most one of exact, prefix or contains may be given for 'schedule'",
    );
    expect(() => executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT, { limit: 0 })).toThrow(
      "'limit' must be a positive integer",
    );
    expect(() => executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT, { since: "last week" })).toThrow("'since'");
  });
});

describe("audit trail", () => {
  it("records who did what to which entity and when, per organization", () => {
    const trail = auditTrailOf(models.auditTrail, ACME);
    expect(trail[0]).toEqual({
      position: 3,
      occurredAt: story.timeOf(2),
      actor: "github:1001",
      action: "OrganizationNameClaimed",
      entity: { kind: "organization-name", key: "acme", streamName: "organization-name-acme" },
      projectKey: null,
    });
    expect(trail.every((e) => e.position <= 28)).toBe(true); // nothing of Globex
    expect(auditTrailOf(models.auditTrail, GLOBEX).map((e) => e.action)).toEqual([
      "OrganizationCreated",
      "GitHubAppInstalled",
      "RepositoryGranted",
      "ProjectCreated",
      "DeploymentCreated",
      "ExecutionRequested",
    ]);
  });

  it("filters by actor, entity, project and time range", () => {
    const q = (query: Parameters<typeof auditTrailOf>[2]) => auditTrailOf(models.auditTrail, ACME, query).map((e) => e.action);
    expect(q({ actor: "system:github-webhook" })).toEqual(["DeploymentRedeployed"]);
    expect(q({ actor: "github:2001" })).toEqual([]);
    expect(q({ entity: { kind: "deployment", key: `${ACME_PROJECT}.staging` } })).toEqual(["DeploymentCreated", "ScheduleEnabled"]);
    expect(q({ entity: { kind: "execution", key: EXEC_1 } })).toEqual(["ExecutionRequested", "ExecutionStarted", "ExecutionFinished"]);
    expect(q({ projectKey: ACME_PROJECT, actor: "github:1001" })).toEqual(["ProjectCreated", "ProjectIdRegenerated"]);
    expect(q({ from: story.timeOf(24), to: story.timeOf(25) })).toEqual(["OrganizationIdRegenerated", "ProjectIdRegenerated"]);
    expect(q({ order: "newest-first", limit: 1 })).toEqual(["ProjectRegistered"]);
    expect(auditTrailOf(models.auditTrail, ACME, { projectKey: SEA_PROJECT }).map((e) => [e.action, e.entity.kind])).toEqual([
      ["ProjectRegistered", "organization"],
    ]);
    expect(q({ projectKey: LAKE_PROJECT })).toEqual(["ProjectRegistered"]);
    expect(() => q({ from: "2023-05-30" })).toThrow("'from' must be an ISO-8601 instant");
  });
});

describe("internal id index", () => {
  it("resolves current ids to their entity and retired ids to nothing, with the retirement in the history", () => {
    const ids = models.internalIdIndex;
    expect(resolveInternalId(ids, ACME, ACME_ID_2)).toEqual({ kind: "organization", organization: ACME });
    expect(resolveInternalId(ids, ACME, ACME_PROJECT_ID_2)).toEqual({ kind: "project", organization: ACME, projectKey: ACME_PROJECT });
    expect(resolveInternalId(ids, ACME, ACME_ID_1)).toBeUndefined();
    expect(resolveInternalId(ids, ACME, ACME_PROJECT_ID_1)).toBeUndefined();
    expect(internalIdRecordOf(ids, ACME, ACME_ID_1)).toMatchObject({ retiredAt: story.timeOf(24), replacedBy: ACME_ID_2 });
    expect(internalIdHistoryOf(ids, { kind: "project", organization: ACME, projectKey: ACME_PROJECT })).toEqual([
      { internalId: ACME_PROJECT_ID_1, assignedAt: story.timeOf(10), retiredAt: story.timeOf(25), replacedBy: ACME_PROJECT_ID_2 },
      { internalId: ACME_PROJECT_ID_2, assignedAt: story.timeOf(25), retiredAt: null, replacedBy: null },
    ]);
  });

  it("never resolves another organization's id", () => {
    expect(resolveInternalId(models.internalIdIndex, GLOBEX, ACME_ID_2)).toBeUndefined();
    expect(internalIdRecordOf(models.internalIdIndex, GLOBEX, ACME_ID_1)).toBeUndefined();
  });
});

describe("time travel over the read models", () => {
  it("shows the read models as of a position and as of a time", async () => {
    const before = await readModelsAsOf(store, { position: 13 });
    expect(before.position).toBe(13);
    expect(deploymentsOf(before.deploymentBoard, ACME, ACME_PROJECT).map((d) => d.deployment)).toEqual(["prod", "staging"]);
    expect(
      scheduleList(before.scheduleMatrix, ACME, ACME_PROJECT, { from: "2023-06-01T00:00:00Z", deployment: "prod" }).find(
        (c) => c.schedule === "daily-transforms",
      )?.enabled,
    ).toBe(false);
    const atTime = await readModelsAsOf(store, { occurredAt: story.timeOf(24) });
    expect(atTime.position).toBe(25);
    expect(organizationView(atTime.organizationDirectory, ACME)?.internalId).toBe(ACME_ID_2);
    expect(projectView(atTime.projectCatalog, ACME, ACME_PROJECT)?.internalId).toBe(ACME_PROJECT_ID_1);
  });
});

describe("read-model runner", () => {
  it("keeps every read model current from checkpoints, and its states answer the same queries as a replay", async () => {
    const runner = await createReadModelRunner({ store, checkpoints: createTestCheckpointStore() });
    await runner.waitUntilCaughtUp();
    const live = readModelStatesOf(runner);
    expect(organizationView(live.organizationDirectory, ACME)).toEqual(organizationView(models.organizationDirectory, ACME));
    expect(executionHistoryOf(live.executionHistory, ACME, ACME_PROJECT)).toEqual(
      executionHistoryOf(models.executionHistory, ACME, ACME_PROJECT),
    );
    expect(runner.status().map((s) => s.name)).toEqual([
      "organization-directory",
      "project-catalog",
      "deployment-board",
      "schedule-matrix",
      "execution-history",
      "audit-trail",
      "internal-id-index",
      "state-bookmarks",
      "credits-balance",
    ]);
  });
});
