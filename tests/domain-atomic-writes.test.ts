/**
 * Commands that write two streams (a deployment and its project's index, a name claim and its organization, a
 * project's registration and the project) on a store with multi-stream appends: a crash right after the command's
 * first write can no longer leave the second stream behind, because there is only one write. The same crash on a
 * view of the store without `appendStreams` (the stream-by-stream path) does leave it behind: the check is real.
 * Rule L10: the project index never lags its deployments on stores with atomic appends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { createControlPlane, type ControlPlaneCommand, type EventStore } from "@cloud-ledger/domain";
import { createScenarioGit } from "@cloud-ledger/domain/testing";
import { LogReplay } from "./support/reliability-replay.js";
import { bootstrapWorld, universe } from "./support/reliability-world.js";

const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-atomic-writes-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

class SimulatedCrash extends Error {
  override readonly name = "SimulatedCrash";
}

/** A view of `store` on which every write after the first one fails, as if the process died right after it. */
function crashingAfterFirstWrite(store: EventStore, atomic: boolean): EventStore {
  let writes = 0;
  const guard = (): void => {
    writes += 1;
    if (writes > 1) throw new SimulatedCrash("the process died after its first write");
  };
  const view: EventStore = {
    ...store,
    name: store.name,
    async append(streamName, events, options) {
      guard();
      return store.append(streamName, events, options);
    },
  };
  const appendStreams = store.appendStreams?.bind(store);
  delete view.appendStreams;
  if (atomic && appendStreams !== undefined) {
    view.appendStreams = async (appends) => {
      guard();
      return appendStreams(appends);
    };
  }
  return view;
}

const project = universe.projects[0]!;
const organization = universe.organizations.find((o) => o.billingAccountNumber === project.organization)!;
const ref = { organization: project.organization, projectKey: project.projectKey };

const maintainer = `github:${organization.maintainer}`;
const owner = `github:${organization.owner}`;
const newProject: ControlPlaneCommand = {
  type: "CreateProject",
  organization: organization.billingAccountNumber,
  name: "Crash Test",
  repositoryUrl: project.repositoryUrl,
  rootPath: "crash/test",
};
const commands: readonly [string, string, ControlPlaneCommand][] = [
  ["CreateDeployment", maintainer, { type: "CreateDeployment", ...ref, name: "crash-dev", environment: "prod", gitRev: "main" }],
  ["DeleteDeployment", maintainer, { type: "DeleteDeployment", ...ref, name: "prod" }],
  ["CreateProject", owner, newProject],
  ["CreateOrganization", owner, { type: "CreateOrganization", name: "crash-test-org" }],
];

/** What a half-written two-stream command leaves: an index out of step, a registration or claim without its stream. */
function halfWritten(replay: LogReplay, types: readonly string[]): string[] {
  const count = (type: string): number => types.filter((t) => t === type).length;
  const problems = replay.settledProblems();
  if (count("ProjectRegistered") !== count("ProjectCreated")) problems.push("a project registered but not created");
  if (count("OrganizationNameClaimed") !== count("OrganizationCreated")) problems.push("a name claimed without its organization");
  return problems;
}

const stores: readonly [string, () => EventStore][] = [
  ["memory", () => createMemoryEventStore()],
  ["sqlite", () => openSqliteEventStore({ path: join(folder, `store-${++files}.db`) })],
];

describe.each(stores)("a crash after the first write of a two-stream command (%s)", (_name, open) => {
  it.each(commands)("%s: with appendStreams both streams land together", async (_label, actor, command) => {
    const store = open();
    try {
      await bootstrapWorld(store);
      const plane = createControlPlane({
        store: crashingAfterFirstWrite(store, true),
        git: createScenarioGit(universe).git,
        clock: createSteppingClock("2023-09-01T00:00:00.000Z", 1000),
        ids: createSeededIdGenerator(5),
      });
      const before = await store.headPosition();
      const result = await plane.dispatch({ actor, commandId: "crashing", command }).catch((error: unknown) => error);
      expect(result).toMatchObject({ _tag: "Right" });
      expect(await store.headPosition()).toBeGreaterThan(before);
      const events = await store.readAll();
      const replay = new LogReplay();
      replay.apply(events);
      expect(
        halfWritten(
          replay,
          events.map((e) => e.type),
        ),
      ).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it.each(commands)("%s: stream by stream (no appendStreams) the same crash leaves a stream behind", async (_label, actor, command) => {
    const store = open();
    try {
      await bootstrapWorld(store);
      const plane = createControlPlane({
        store: crashingAfterFirstWrite(store, false),
        git: createScenarioGit(universe).git,
        clock: createSteppingClock("2023-09-01T00:00:00.000Z", 1000),
        ids: createSeededIdGenerator(5),
      });
      const result = await plane.dispatch({ actor, commandId: "crashing", command }).catch((error: unknown) => error);
      expect(result).toBeInstanceOf(SimulatedCrash);
      const events = await store.readAll();
      const replay = new LogReplay();
      replay.apply(events);
      expect(
        halfWritten(
          replay,
          events.map((e) => e.type),
        ),
      ).not.toEqual([]);
    } finally {
      await store.close();
    }
  });
});
