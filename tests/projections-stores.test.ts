// The projection runner and read models against the real adapters (memory, SQLite, PostgreSQL) with the real
// control plane writing the seed's story: inline mode, checkpointed catch-up that resumes, async polling, time travel.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryCheckpointStore, createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteCheckpointStore, openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresCheckpointStore, createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import {
  createControlPlane,
  domainEventSerde,
  type CheckpointStore,
  type ControlPlaneCommand,
  type DomainEvent,
  type EventStore,
} from "@cloud-ledger/domain";
import { createMemoryGitResolver, manifestOf } from "@cloud-ledger/domain/testing";
import {
  allReadModels,
  auditTrailOf,
  createProjectionRunner,
  executionHistoryOf,
  organizationView,
  projectsOf,
  readModelStatesOf,
  readModelsAsOf,
  resolveInternalId,
  scheduleMatrixView,
  withInlineProjections,
  type ProjectionRunner,
  type ReadModelStates,
} from "@cloud-ledger/projections";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

const ALICE = "github:1001";
const RUNNER = "system:runner";
const REPO = "https://github.com/acme/data";
const FROM = "2023-09-01T00:00:00Z";

/** Drives the control plane through the seed's story; returns the keys it created. */
async function seedStory(store: EventStore) {
  const git = createMemoryGitResolver();
  const plane = createControlPlane({
    store,
    git,
    clock: createSteppingClock("2023-08-24T12:00:00.000Z", 1000),
    ids: createSeededIdGenerator(11),
  });
  let n = 0;
  const ok = async (actor: string, command: ControlPlaneCommand): Promise<readonly { type: string; data: unknown }[]> => {
    const result = await plane.dispatch({ command, actor, commandId: `story-${++n}` });
    if (result._tag === "Left") throw new Error(`${command.type}: ${JSON.stringify(result.left)}`);
    return result.right.events;
  };
  const field = (events: readonly { type: string; data: unknown }[], type: string, key: string): string =>
    (events.find((e) => e.type === type)?.data as Record<string, string>)[key] as string;
  await ok(ALICE, { type: "SignUpUser", githubUserId: "1001", login: "alice" });
  const organization = field(await ok(ALICE, { type: "CreateOrganization", name: "acme" }), "OrganizationCreated", "organization");
  await ok(ALICE, { type: "InstallGitHubApp", organization, installationId: "42", account: "acme", accountType: "organization" });
  await ok(ALICE, { type: "GrantRepository", organization, installationId: "42", repositoryUrl: REPO });
  const projectKey = field(
    await ok(ALICE, { type: "CreateProject", organization, name: "Acme Data", repositoryUrl: REPO }),
    "ProjectCreated",
    "projectKey",
  );
  git.commit(
    REPO,
    "main",
    manifestOf({
      environments: ["prod", "staging"],
      schedules: [{ name: "daily-transforms" }, { name: "hourly-sync", interval: "@hourly" }],
    }),
  );
  const inProject = { organization, projectKey };
  await ok(ALICE, { type: "CreateDeployment", ...inProject, name: "prod", environment: "prod", gitRev: "main" });
  await ok(ALICE, { type: "CreateDeployment", ...inProject, name: "staging", environment: "staging", gitRev: "main" });
  await ok(ALICE, { type: "EnableSchedule", ...inProject, deployment: "prod", schedule: "daily-transforms" });
  const run = async (deployment: string) =>
    field(
      await ok(ALICE, { type: "RunSchedule", ...inProject, deployment, schedule: "daily-transforms" }),
      "ExecutionRequested",
      "executionId",
    );
  const succeeded = await run("prod");
  await ok(RUNNER, { type: "StartExecution", ...inProject, executionId: succeeded });
  await ok(RUNNER, { type: "FinishExecution", ...inProject, executionId: succeeded, exitCode: 0 });
  const stopped = await run("staging");
  await ok(ALICE, { type: "StopExecution", ...inProject, executionId: stopped });
  const running = await run("prod");
  await ok(RUNNER, { type: "StartExecution", ...inProject, executionId: running });
  const before = await ok(ALICE, { type: "RegenerateProjectId", ...inProject });
  return {
    organization,
    projectKey,
    succeeded,
    stopped,
    running,
    retiredProjectId: field(before, "ProjectIdRegenerated", "previousInternalId"),
    ok,
  };
}

function expectSeedReadModels(models: ReadModelStates, keys: Awaited<ReturnType<typeof seedStory>>): void {
  const { organization, projectKey } = keys;
  const matrix = scheduleMatrixView(models.scheduleMatrix, organization, projectKey, { from: FROM });
  expect(matrix.deployments).toEqual(["prod", "staging"]);
  expect(matrix.rows.map((r) => [r.schedule, r.cells.map((c) => c?.enabled)])).toEqual([
    ["daily-transforms", [true, false]],
    ["hourly-sync", [false, false]],
  ]);
  const history = executionHistoryOf(models.executionHistory, organization, projectKey).rows;
  expect(history.map((r) => [r.executionId, r.result])).toEqual([
    [keys.running, "Running"],
    [keys.stopped, "Failed"],
    [keys.succeeded, "Success"],
  ]);
  expect(organizationView(models.organizationDirectory, organization)?.members).toEqual([
    { githubUserId: "1001", login: "alice", role: "owner" },
  ]);
  const [project] = projectsOf(models.projectCatalog, organization);
  expect(project?.name).toBe("Acme Data");
  expect(resolveInternalId(models.internalIdIndex, organization, project?.internalId ?? "")).toEqual({
    kind: "project",
    organization,
    projectKey,
  });
  expect(resolveInternalId(models.internalIdIndex, organization, keys.retiredProjectId)).toBeUndefined();
  expect(auditTrailOf(models.auditTrail, organization, { actor: RUNNER }).map((e) => e.action)).toEqual([
    "ExecutionStarted",
    "ExecutionFinished",
    "ExecutionStarted",
  ]);
}

const snapshot = (runner: ProjectionRunner<DomainEvent>) => allReadModels.map((p) => p.toJson(runner.stateOf(p)));

interface Backend {
  readonly name: string;
  open(): Promise<{ store: EventStore; checkpoints: () => Promise<CheckpointStore> }>;
}

const temp = mkdtempSync(join(tmpdir(), "cl-projections-"));
const databases: TestDatabase[] = [];
afterAll(async () => {
  rmSync(temp, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

const memoryCheckpoints = createMemoryCheckpointStore();
const backends: Backend[] = [
  {
    name: "memory",
    open: () => Promise.resolve({ store: createMemoryEventStore(), checkpoints: () => Promise.resolve(memoryCheckpoints) }),
  },
  {
    name: "sqlite",
    open() {
      const dir = mkdtempSync(join(temp, "run-"));
      return Promise.resolve({
        store: openSqliteEventStore({ path: join(dir, "events.db") }),
        checkpoints: () => Promise.resolve(openSqliteCheckpointStore({ path: join(dir, "checkpoints.db") })),
      });
    },
  },
  {
    name: "postgres",
    async open() {
      const db = await createTestDatabase();
      databases.push(db);
      return {
        store: await createPostgresEventStore({ connectionString: db.url }),
        checkpoints: () => createPostgresCheckpointStore({ connectionString: db.url }),
      };
    },
  },
];

describe.each(backends)("projections on $name", (backend) => {
  it(`${backend.name}: inline mode answers right after each command, and equals a rebuild`, async () => {
    const { store, checkpoints } = await backend.open();
    const cp = await checkpoints();
    await cp.reset("unused");
    const runner = await createProjectionRunner({
      store,
      checkpoints: cp,
      decoder: domainEventSerde,
      projections: allReadModels,
      checkpointEvery: 5,
    });
    const keys = await seedStory(withInlineProjections(store, runner));
    expect(runner.position()).toBe(await store.headPosition());
    expectSeedReadModels(readModelStatesOf(runner), keys);
    const inline = snapshot(runner);
    await runner.rebuild();
    expect(snapshot(runner)).toEqual(inline);
    await runner.stop();
    // A second runner on the same checkpoint store resumes where the first one stopped.
    const resumed = await createProjectionRunner({ store, checkpoints: cp, decoder: domainEventSerde, projections: allReadModels });
    expect(resumed.status().map((s) => s.loaded)).toEqual(allReadModels.map(() => "resumed"));
    expect(snapshot(resumed)).toEqual(inline);
    for (const p of allReadModels) await cp.reset(p.name);
    if (backend.name !== "memory") await cp.close();
    await store.close();
  });

  it(`${backend.name}: checkpointed catch-up resumes after a restart, polling picks up new events, time travel`, async () => {
    const { store, checkpoints } = await backend.open();
    const keys = await seedStory(store);
    const options = { store, decoder: domainEventSerde, projections: allReadModels, pageSize: 4, checkpointEvery: 6 };
    const firstCheckpoints = await checkpoints();
    const first = await createProjectionRunner({ ...options, checkpoints: firstCheckpoints });
    const head = await store.headPosition();
    expect(await first.catchUp()).toEqual({ events: head, position: head });
    expectSeedReadModels(readModelStatesOf(first), keys);
    await first.stop();
    if (backend.name !== "memory") await firstCheckpoints.close();

    const cp = await checkpoints();
    const second = await createProjectionRunner({ ...options, checkpoints: cp });
    expect(second.status().every((s) => s.loaded === "resumed" && s.position === head)).toBe(true);
    second.start({ intervalMs: 10 });
    await keys.ok(ALICE, {
      type: "DisableSchedule",
      organization: keys.organization,
      projectKey: keys.projectKey,
      deployment: "prod",
      schedule: "daily-transforms",
    });
    await second.waitUntilCaughtUp(undefined, { timeoutMs: 10_000 });
    const cells = scheduleMatrixView(readModelStatesOf(second).scheduleMatrix, keys.organization, keys.projectKey, { from: FROM }).rows[0]
      ?.cells;
    expect(cells?.map((c) => c?.enabled)).toEqual([false, false]);
    await second.stop();
    expect(second.polling).toBe(false);

    // As of the old head, daily-transforms was still enabled on prod.
    const past = await readModelsAsOf(store, { position: head });
    expectSeedReadModels(past, keys);
    const created = (await store.readAll()).find((e) => e.type === "OrganizationCreated");
    const atTime = await readModelsAsOf(store, { occurredAt: created?.metadata.occurredAt ?? "" });
    expect(projectsOf(atTime.projectCatalog, keys.organization)).toEqual([]);
    expect(organizationView(atTime.organizationDirectory, keys.organization)?.name).toBe("acme");
    if (backend.name !== "memory") await cp.close();
    await store.close();
  });
});
