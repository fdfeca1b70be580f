/**
 * The shared world of the reliability suites: opening a store from a spec string (so a child process can open the
 * same store as its parent), bootstrapping the scenario universe of @cloud-ledger/domain/testing into it, and the
 * world view that random scenario steps pick deployments and executions from.
 */
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { createControlPlane, parseStreamName, type DeploymentState, type EventStore, type ExecutionState } from "@cloud-ledger/domain";
import { createScenarioGit, defaultScenarioUniverse, scenarioBootstrap, type ScenarioWorldView } from "@cloud-ledger/domain/testing";
import type { LogReplay } from "./reliability-replay.js";

export const universe = defaultScenarioUniverse;

/** `sqlite:<file>` or a postgres:// URL. */
export async function openStoreFromSpec(spec: string): Promise<EventStore> {
  if (spec.startsWith("sqlite:")) {
    const { openSqliteEventStore } = await import("@cloud-ledger/adapters/sqlite");
    return openSqliteEventStore({ path: spec.slice("sqlite:".length) });
  }
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { createPostgresEventStore } = await import("@cloud-ledger/adapters/postgres");
    return createPostgresEventStore({ connectionString: spec, maxConnections: 2 });
  }
  throw new Error(`not a store spec: ${spec}`);
}

/** Signs everyone up and creates the organizations, projects and first deployments; throws if any step fails. */
export async function bootstrapWorld(store: EventStore): Promise<void> {
  const plane = createControlPlane({
    store,
    clock: createSteppingClock("2023-07-01T00:00:00.000Z", 1000),
    ids: createSeededIdGenerator(1),
    git: createScenarioGit(universe).git,
  });
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(universe)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `boot-${n}` });
    if (result._tag === "Left") throw new Error(`bootstrap step ${n} (${command.type}) failed: ${JSON.stringify(result.left)}`);
  }
}

/** What exists in the replayed log, in a deterministic order, for the steps that pick among existing things. */
export function worldOf(replay: LogReplay): ScenarioWorldView {
  const deployments: ScenarioWorldView["deployments"][number][] = [];
  const executions: ScenarioWorldView["executions"][number][] = [];
  for (const [streamName, state] of replay.states) {
    const id = parseStreamName(streamName);
    if (id?.kind === "deployment") {
      const d = state as DeploymentState;
      if (d.status === "deployed")
        deployments.push({ projectKey: d.projectKey, deployment: d.deployment, schedules: d.schedules.map((s) => s.name) });
    } else if (id?.kind === "execution") {
      const e = state as ExecutionState;
      if (e.status === "requested" || e.status === "running")
        executions.push({ organization: e.organization, projectKey: e.projectKey, executionId: e.executionId });
    }
  }
  const key = (d: { readonly projectKey: string; readonly deployment: string }): string => `${d.projectKey}.${d.deployment}`;
  deployments.sort((a, b) => key(a).localeCompare(key(b)));
  executions.sort((a, b) => a.executionId.localeCompare(b.executionId));
  return { deployments, executions };
}
