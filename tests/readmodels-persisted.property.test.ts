// The CLI's persisted read models (its own openReadModelRows + loadLedgerViews, on SQLite and on PostgreSQL) against a
// full replay, after random command sequences run through the control plane — including after a process died
// between an append and the read models' checkpoint.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { createPostgresRowStore } from "@cloud-ledger/adapters/read-models-postgres";
import {
  createControlPlane,
  type ControlPlane,
  type ControlPlaneCommand,
  type EventStore,
  type ReadModelRowStore,
} from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse as universe,
  runScenario,
  scenarioStepArbitrary,
  type ScenarioStep,
} from "@cloud-ledger/domain/testing";
import { readModelsAsOf, statesReader } from "@cloud-ledger/projections";
import { loadLedgerViews, openReadModelRows } from "../packages/cli/src/runtime/ledger-views.js";
import { expectSameAnswers } from "../packages/projections/test/support/reader-comparison.js";
import { useTestDatabase } from "./support/postgres.js";

/** Secret names per project from the log itself: the reference for `config env list`. */
async function secretNamesOf(store: EventStore): Promise<(organization: string, projectKey: string) => readonly string[]> {
  const names = new Map<string, Set<string>>();
  for (const event of await store.readAll()) {
    const data = event.data as { organization?: string; projectKey?: string; name?: string };
    const key = `${data.organization}/${data.projectKey}`;
    if (event.type === "SecretSet") names.set(key, (names.get(key) ?? new Set()).add(data.name ?? ""));
    if (event.type === "SecretDeleted") names.get(key)?.delete(data.name ?? "");
  }
  return (organization, projectKey) => [...(names.get(`${organization}/${projectKey}`) ?? [])].sort();
}

/** The views a CLI call would answer from, checked against a full replay of the same log. */
async function expectViewsEqualReplay(store: EventStore, rows: ReadModelRowStore): Promise<void> {
  const views = await loadLedgerViews(store, rows);
  const states = await readModelsAsOf(store);
  expect(views.position).toBe(states.position);
  await expectSameAnswers(views, statesReader(states, states.position, await secretNamesOf(store)), states);
}

/** The row store of a process killed after its append, before its commit: every commit fails. */
const killedBeforeCheckpoint = (rows: ReadModelRowStore): ReadModelRowStore => ({
  ...rows,
  commit: () => Promise.reject(new Error("killed before the checkpoint")),
});

/**
 * One organization is metered from the start and one of its runs is charged (CreditsConsumed), so the credits rows are
 * checked against the replay whatever the random steps do (they rarely carry a run to its end).
 */
async function meterAndChargeOneRun(plane: ControlPlane): Promise<void> {
  const metered = universe.organizations[0]!;
  const project = universe.projects.find((p) => p.organization === metered.billingAccountNumber)!;
  const deployment = universe.initialDeployments.find((d) => d.projectKey === project.projectKey)!;
  const send = async (actor: string, command: ControlPlaneCommand, commandId: string) => {
    const outcome = await plane.dispatch({ command, commandId, actor });
    if (outcome._tag === "Left") throw new Error(`${command.type} failed: ${JSON.stringify(outcome.left)}`);
    return outcome.right.events;
  };
  const owner = `github:${metered.owner}`;
  const organization = metered.billingAccountNumber;
  await send(owner, { type: "PurchaseCredits", organization, amount: "3" }, "story-purchase");
  const ref = { organization, projectKey: project.projectKey };
  const requested = await send(
    owner,
    { type: "RunSchedule", ...ref, deployment: deployment.name, schedule: "daily-transforms" },
    "story-run",
  );
  const executionId = requested.find((e) => e.type === "ExecutionRequested")?.data.executionId as string;
  await send("system:runner", { type: "StartExecution", ...ref, executionId }, "story-start");
  const finished = await send("system:runner", { type: "FinishExecution", ...ref, executionId, exitCode: 0 }, "story-finish");
  expect(finished.map((e) => e.type)).toContain("CreditsConsumed");
}

/** An owner buys a little credit (rule 44), so balances run out and later runs are charged and refused (rules 42, 44). */
const purchase: fc.Arbitrary<ScenarioStep> = fc
  .tuple(fc.constantFrom(...universe.organizations), fc.constantFrom("0.5", "1", "2.5"))
  .map(([org, amount]) => ({
    kind: "dispatch",
    actor: `github:${org.owner}`,
    command: { type: "PurchaseCredits", organization: org.billingAccountNumber, amount },
  }));
const step = fc.oneof({ weight: 12, arbitrary: scenarioStepArbitrary(universe) }, { weight: 1, arbitrary: purchase });
const chunks = fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 });
const crashes = fc.array(fc.boolean(), { minLength: 4, maxLength: 4 });

async function property(open: () => Promise<{ store: EventStore; rows: () => Promise<ReadModelRowStore>; done: () => Promise<void> }>) {
  await fc.assert(
    fc.asyncProperty(chunks, crashes, async (steps, crash) => {
      const { store, rows, done } = await open();
      try {
        const git = createScenarioGit(universe);
        const plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(3), git: git.git });
        await bootstrapScenario(plane, universe);
        await meterAndChargeOneRun(plane);
        for (const [i, chunk] of steps.entries()) {
          await runScenario(plane, store, git, chunk, { commandIdPrefix: `chunk-${i}` });
          // Each CLI call opens the rows afresh, as a new process would.
          const handle = await rows();
          try {
            const behind = (await handle.checkpoint())?.position !== (await store.headPosition());
            if (crash[i] === true && behind) await expect(loadLedgerViews(store, killedBeforeCheckpoint(handle))).rejects.toThrow("killed");
            await expectViewsEqualReplay(store, handle);
          } finally {
            await handle.close();
          }
        }
      } finally {
        await done();
      }
    }),
    { numRuns: 6 },
  );
}

describe("the CLI's persisted read models equal a full replay", { timeout: 600_000 }, () => {
  const folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-rows-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  let run = 0;

  it("on SQLite (tables in the store's own file)", async () => {
    await property(() => {
      const file = path.join(folder, `ledger-${++run}.sqlite`);
      const store = openSqliteEventStore({ path: file });
      return Promise.resolve({
        store,
        rows: () => openReadModelRows({ kind: "sqlite", path: file, isDefault: false }),
        done: () => store.close(),
      });
    });
  });

  const database = useTestDatabase();
  it("on PostgreSQL (tables in the store's schema)", async () => {
    await property(async () => {
      const schema = `rows_${++run}`;
      const store = await createPostgresEventStore({ connectionString: database.url, schema, maxConnections: 2 });
      return {
        store,
        rows: () => createPostgresRowStore({ connectionString: database.url, schema, maxConnections: 2 }),
        done: () => store.close(),
      };
    });
  });
});
