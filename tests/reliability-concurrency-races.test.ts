/**
 * Concurrent writers, the interleavings a random run only hits now and then, forced deterministically: two control
 * planes share one store, and one of them is held just before a chosen append while the other runs to completion.
 * Afterwards the replayed log keeps the domain's rules, including each project's index of its live deployments, and
 * the CLI's `audit verify` tells a request decided on a replaced deployment state from one that matches no state.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import {
  createControlPlane,
  GENESIS_HASH,
  hashEvent,
  projectStream,
  type ControlPlane,
  type EventStore,
  type JsonValue,
  type NewEvent,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import { createScenarioGit } from "@cloud-ledger/domain/testing";
import { auditVerify } from "./support/reliability-cli.js";
import { LogReplay } from "./support/reliability-replay.js";
import { bootstrapWorld, universe } from "./support/reliability-world.js";

const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-races-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function toForge(event: RecordedEvent): Omit<NewEvent, "hash"> {
  const { eventId, type, schemaVersion, data, metadata } = event;
  return { eventId: `${eventId}-forged`, type, schemaVersion, data, metadata };
}

interface Gate {
  /** Resolves when an append to `stream` is being held. */
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * A view of `store` that holds the first append to a stream `stream` accepts until released. Without `atomic` the
 * view has no `appendStreams`, so commands write stream by stream (the path of stores without multi-stream appends);
 * with it, a multi-stream append touching such a stream is held too.
 */
function gated(
  store: EventStore,
  stream: (streamName: string) => boolean,
  atomic = false,
): { readonly store: EventStore; readonly gate: Gate } {
  let reached: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let armed = true;
  const hold = async (streamNames: readonly string[]): Promise<void> => {
    if (armed && streamNames.some(stream)) {
      armed = false;
      reached();
      await released;
    }
  };
  const view: EventStore = {
    ...store,
    name: store.name,
    async append(streamName, events, options) {
      await hold([streamName]);
      return store.append(streamName, events, options);
    },
  };
  const appendStreams = store.appendStreams?.bind(store);
  delete view.appendStreams;
  if (atomic && appendStreams !== undefined) {
    view.appendStreams = async (appends) => {
      await hold(appends.map((a) => a.streamName));
      return appendStreams(appends);
    };
  }
  return { gate: { reached: reachedPromise, release: () => release() }, store: view };
}

const project = universe.projects[0]!;
const organization = universe.organizations.find((o) => o.billingAccountNumber === project.organization)!;
const maintainer = `github:${organization.maintainer}`;
const ref = { organization: project.organization, projectKey: project.projectKey };

async function world(
  store: EventStore = createMemoryEventStore(),
): Promise<{ readonly store: EventStore; readonly plane: (store: EventStore, seed: number) => ControlPlane }> {
  await bootstrapWorld(store);
  const git = createScenarioGit(universe).git;
  return {
    store,
    plane: (s, seed) =>
      createControlPlane({
        store: s,
        git,
        clock: createSteppingClock("2023-09-01T00:00:00.000Z", 1000),
        ids: createSeededIdGenerator(seed),
      }),
  };
}

async function settled(store: EventStore): Promise<LogReplay> {
  const replay = new LogReplay();
  replay.apply(await store.readAll());
  return replay;
}

describe("cross-stream interleavings of two writers", () => {
  // Both used to leave the index wrong: each writer added or removed the name as its own command left the deployment,
  // decided on the project stream alone. The index now follows the deployment as it is, re-checked after each write.
  it("a delete held before the project index, while the deployment is created again: the index still lists it", async () => {
    const { store, plane } = await world();
    const held = gated(store, (name) => name === projectStream(project.projectKey));
    const deleting = plane(held.store, 2).dispatch({
      actor: maintainer,
      commandId: "delete",
      command: { type: "DeleteDeployment", ...ref, name: "prod" },
    });
    await held.gate.reached;
    const created = await plane(store, 3).dispatch({
      actor: maintainer,
      commandId: "create",
      command: { type: "CreateDeployment", ...ref, name: "prod", environment: "prod", gitRev: "main" },
    });
    expect(created._tag).toBe("Right");
    held.gate.release();
    expect((await deleting)._tag).toBe("Right");
    const replay = await settled(store);
    expect(replay.deployment(project.projectKey, "prod").status).toBe("deployed");
    expect(replay.violations).toEqual([]);
    expect(replay.settledProblems()).toEqual([]);
  });

  it("a create held before the project index, while the new deployment is deleted: the index does not list it", async () => {
    const { store, plane } = await world();
    const held = gated(store, (name) => name === projectStream(project.projectKey));
    const creating = plane(held.store, 2).dispatch({
      actor: maintainer,
      commandId: "create",
      command: { type: "CreateDeployment", ...ref, name: "dev", environment: "staging", gitRev: "main" },
    });
    await held.gate.reached;
    const deleted = await plane(store, 3).dispatch({
      actor: maintainer,
      commandId: "delete",
      command: { type: "DeleteDeployment", ...ref, name: "dev" },
    });
    expect(deleted._tag).toBe("Right");
    held.gate.release();
    expect((await creating)._tag).toBe("Right");
    const replay = await settled(store);
    expect(replay.deployment(project.projectKey, "dev").status).toBe("deleted");
    expect(replay.violations).toEqual([]);
    expect(replay.settledProblems()).toEqual([]);
  });

  it("with multi-stream appends: a delete held at its one write while the deployment is redeployed re-decides, unindexed", async () => {
    const { store, plane } = await world();
    const held = gated(store, (name) => name === projectStream(project.projectKey), true);
    const remove = { type: "DeleteDeployment" as const, ...ref, name: "prod" };
    const deleting = plane(held.store, 2).dispatch({ actor: maintainer, commandId: "delete", command: remove });
    await held.gate.reached;
    const before = await store.headPosition();
    const update = { type: "UpdateDeployment" as const, ...ref, name: "prod", force: true };
    const updated = await plane(store, 3).dispatch({ actor: maintainer, commandId: "update", command: update });
    expect(updated._tag).toBe("Right");
    expect(await store.headPosition()).toBeGreaterThan(before);
    held.gate.release();
    const deleted = await deleting;
    expect(deleted._tag).toBe("Right");
    const replay = await settled(store);
    expect(replay.deployment(project.projectKey, "prod").status).toBe("deleted");
    expect(replay.violations).toEqual([]);
    expect(replay.settledProblems()).toEqual([]);
  });

  it("a run held before its execution is appended, while the deployment is deleted: a decision on the deployment it saw", async () => {
    const path = join(folder, "held-run.sqlite");
    const { store, plane } = await world(openSqliteEventStore({ path }));
    const held = gated(store, (name) => name.startsWith("execution-"));
    const running = plane(held.store, 2).dispatch({
      actor: maintainer,
      commandId: "run",
      command: { type: "RunSchedule", ...ref, deployment: "prod", schedule: "daily-transforms" },
    });
    await held.gate.reached;
    const deleted = await plane(store, 3).dispatch({
      actor: maintainer,
      commandId: "delete",
      command: { type: "DeleteDeployment", ...ref, name: "prod" },
    });
    expect(deleted._tag).toBe("Right");
    held.gate.release();
    expect((await running)._tag).toBe("Right");
    const replay = await settled(store);
    // The request comes after the deletion in the log, and names the environment and commit the deployment had.
    expect(replay.deployment(project.projectKey, "prod").status).toBe("deleted");
    expect(replay.staleDecisions).toHaveLength(1);
    expect(replay.violations).toEqual([]);
    expect(replay.settledProblems()).toEqual([]);
    expect(auditVerify(`sqlite:${path}`)).toMatchObject({ status: 0, json: { ok: true } });

    // A request for a schedule the deployment never had is still refused, even with a valid hash chain.
    const request = (await store.readAll()).find((e) => e.type === "ExecutionRequested");
    if (request === undefined) throw new Error("no execution was requested");
    const executionId = "f".repeat(32);
    const forged = {
      ...toForge(request),
      data: { ...(request.data as Record<string, JsonValue>), executionId, schedule: "never-deployed" },
    };
    const streamName = `execution-${executionId}`;
    await store.append(streamName, [{ ...forged, hash: hashEvent(GENESIS_HASH, { ...forged, streamName, version: 1 }) }], {
      expectedVersion: "no_stream",
    });
    await store.close();
    const audit = auditVerify(`sqlite:${path}`);
    expect(audit.status, audit.stderr).toBe(1);
    expect(audit.json.fault).toMatchObject({ streamName, version: 1, kind: "invariant" });
  });
});
