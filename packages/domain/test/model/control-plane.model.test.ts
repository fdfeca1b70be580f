import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createControlPlane, type ControlPlane, type RecordedEvent } from "@cloud-ledger/domain";
import {
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  resolveScenarioStep,
  scenarioBootstrap,
  scenarioInvalidDispatchArbitrary,
  scenarioPinnedCommits,
  scenarioStepArbitrary,
  type ScenarioDispatch,
  type ScenarioWorldView,
  type ScenarioGit,
  type ScenarioStep,
} from "@cloud-ledger/domain/testing";
import { createArrayEventStore, type ArrayEventStore } from "./support/array-event-store.js";
import { factsOf, withoutInternalIds, type Facts } from "./support/facts.js";
import { applyCheckingInvariants } from "./support/invariants.js";
import { ReferenceModel } from "./support/reference-model.js";
import { replay } from "./support/replay.js";

/*
 * Random command sequences across every aggregate, through the real control plane, against a reference model. After
 * every step: the model's prediction (accepted or rejected) holds; a rejection wrote nothing; the events the dispatch
 * reported are exactly what the store gained; replaying the whole log rebuilds the state the incremental fold reached;
 * the facts match the model; the log invariants hold; regenerating internal ids changes no other fact; enabling
 * touches one (deployment, schedule) pair only.
 */

const universe = defaultScenarioUniverse;
const pinned = scenarioPinnedCommits(universe);
const RUNS = 1000;

interface Real {
  readonly store: ArrayEventStore;
  readonly plane: ControlPlane;
  readonly git: ScenarioGit;
  readonly states: Map<string, unknown>;
  facts: Facts;
  commands: number;
}

let bootstrapped: ArrayEventStore;
/** `<command type> accepted|rejected|no-op` -> how often, so that a vacuous run (everything rejected) fails. */
const outcomes = new Map<string, number>();

async function bootstrap(): Promise<ArrayEventStore> {
  const store = createArrayEventStore();
  const plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(0), git: createScenarioGit(universe).git });
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(universe)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `boot-${n}` });
    if (result._tag === "Left") throw new Error(`bootstrap step ${n} (${command.type}) failed: ${JSON.stringify(result.left)}`);
  }
  return store;
}

async function setup(): Promise<{ model: ReferenceModel; real: Real }> {
  const store = bootstrapped.clone();
  const git = createScenarioGit(universe);
  const model = new ReferenceModel(universe);
  for (const repositoryUrl of pinned.keys()) {
    for (const branch of universe.branches) {
      const head = await git.git.resolve({ repository: repositoryUrl, revision: branch, rootPath: "." });
      if (!head.ok) throw new Error(`scenario git lacks ${repositoryUrl}#${branch}`);
      model.pushed(repositoryUrl, branch, branch === "main" ? "base" : "changed", head.value.commit);
    }
  }
  // The model learns the bootstrap's deployments the same way it learns everything else: from the commands.
  for (const step of scenarioBootstrap(universe)) {
    if (step.command.type === "CreateDeployment" && !model.dispatch(step, () => undefined)) throw new Error("the model refuses a bootstrap deployment");
  }
  const plane = createControlPlane({ store, clock: createCountingClock("2023-07-01T00:00:00.000Z"), ids: createCountingIds(1), git: git.git });
  const states = replay(store.events);
  return { model, real: { store, plane, git, states, facts: factsOf(states), commands: 0 } };
}

/** What exists now, in a deterministic order, for the steps that pick among existing deployments and executions. */
function worldOf(facts: Facts): ScenarioWorldView {
  return {
    executions: [...facts.executions].map(([executionId, e]) => ({
      organization: universe.projects.find((p) => p.projectKey === e.projectKey)?.organization ?? "",
      projectKey: e.projectKey,
      executionId,
    })),
    deployments: [...facts.deployments].map(([key, d]) => ({
      projectKey: key.slice(0, key.indexOf(".")),
      deployment: key.slice(key.indexOf(".") + 1),
      schedules: [...d.schedules.keys()],
    })),
  };
}

function flagsOf(facts: Facts): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const [key, d] of facts.deployments) for (const [name, enabled] of d.schedules) flags.set(`${key}/${name}`, enabled);
  return flags;
}

async function dispatchStep(model: ReferenceModel, real: Real, step: ScenarioDispatch): Promise<void> {
  real.commands += 1;
  const head = real.store.events.length;
  const before = real.facts;
  const result = await real.plane.dispatch({ ...step, commandId: `cmd-${real.commands}` });
  const appended: readonly RecordedEvent[] = real.store.events.slice(head);
  const requested = appended.find((e) => e.type === "ExecutionRequested");
  const predicted = model.dispatch(step, () => (requested?.data as { executionId?: string } | undefined)?.executionId);
  const context = `${JSON.stringify(step)} -> ${JSON.stringify(result._tag === "Left" ? result.left : result.right.events.map((e) => e.type))}`;

  expect(result._tag === "Right", `model predicted ${predicted ? "acceptance" : "rejection"}: ${context}`).toBe(predicted);
  if (result._tag === "Left") {
    expect(result.left.kind, context).toBe("rejected");
    expect(appended, `a rejected command wrote events: ${context}`).toEqual([]);
  } else {
    expect(result.right.events, context).toEqual(appended);
  }

  const outcome = `${step.command.type} ${result._tag === "Left" ? "rejected" : appended.length === 0 ? "no-op" : "accepted"}`;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  applyCheckingInvariants(real.states, appended);
  expect(replay(real.store.events), "replaying the log must rebuild the incremental state").toEqual(real.states);
  real.facts = factsOf(real.states);
  const { deployments, executions, secrets, projectIndex } = real.facts;
  expect({ deployments, executions, secrets }, context).toEqual({ deployments: model.facts.deployments, executions: model.facts.executions, secrets: model.facts.secrets });
  for (const [projectKey, index] of projectIndex) {
    const live = [...deployments.keys()].filter((k) => k.startsWith(`${projectKey}.`)).map((k) => k.slice(projectKey.length + 1));
    expect([...index].sort(), `project ${projectKey}'s deployment index`).toEqual(live.sort());
  }

  const type = step.command.type;
  if (result._tag === "Right" && (type === "RegenerateProjectId" || type === "RegenerateOrganizationId")) {
    expect(withoutInternalIds(real.facts), `regenerating ids changed another fact: ${context}`).toEqual(withoutInternalIds(before));
    const changed = [...real.facts.internalIds].filter(([stream, id]) => before.internalIds.get(stream) !== id);
    expect(changed, context).toHaveLength(1);
  }
  if (type === "EnableSchedule" || type === "DisableSchedule") {
    const after = flagsOf(real.facts);
    const changed = [...after].filter(([pair, enabled]) => flagsOf(before).get(pair) !== enabled).map(([pair]) => pair);
    const target = `${step.command.projectKey}.${step.command.deployment}/${step.command.schedule}`;
    expect(changed.every((pair) => pair === target), `enabling touched other pairs: ${changed.join(", ")}`).toBe(true);
  }
}

class StepCommand implements fc.AsyncCommand<ReferenceModel, Real> {
  constructor(private readonly step: ScenarioStep | (ScenarioDispatch & { readonly reason: string })) {}
  check = () => true;
  async run(model: ReferenceModel, real: Real): Promise<void> {
    const step = this.step;
    if ("kind" in step && step.kind === "push") {
      model.pushed(step.repositoryUrl, step.branch, step.variant, real.git.push(step.repositoryUrl, step.branch, step.variant));
      return;
    }
    if ("kind" in step) return dispatchStep(model, real, resolveScenarioStep(step, universe, worldOf(real.facts)));
    return dispatchStep(model, real, step);
  }
  toString = () => JSON.stringify(this.step);
}

const commands = fc.commands(
  [
    fc.oneof(
      { weight: 9, arbitrary: scenarioStepArbitrary(universe, { pinned }).map((s) => new StepCommand(s)) },
      { weight: 1, arbitrary: scenarioInvalidDispatchArbitrary(universe).map((s) => new StepCommand(s)) },
    ),
  ],
  { maxCommands: 24, size: "+1" },
);

describe("the control plane against a reference model", () => {
  beforeAll(async () => {
    bootstrapped = await bootstrap();
  });

  it(`keeps every invariant over ${RUNS} random command sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(setup, cmds)),
      { numRuns: RUNS },
    );
  }, 240_000);

  it("exercised every command both ways (the sequences are not vacuous)", () => {
    const expected = [
      "CreateDeployment accepted", "CreateDeployment rejected", "UpdateDeployment accepted", "UpdateDeployment rejected",
      "DeleteDeployment accepted", "DeleteDeployment rejected", "EnableSchedule accepted", "EnableSchedule no-op", "EnableSchedule rejected",
      "DisableSchedule accepted", "DisableSchedule rejected", "RunSchedule accepted", "RunSchedule rejected",
      "RequestScheduledExecution accepted", "RequestScheduledExecution no-op", "RequestScheduledExecution rejected",
      "StartExecution accepted", "StartExecution rejected", "FinishExecution accepted", "FinishExecution rejected",
      "StopExecution accepted", "StopExecution rejected", "NotifyBranchUpdated accepted", "NotifyBranchUpdated no-op",
      "SetSecret accepted", "DeleteSecret accepted", "DeleteSecret rejected", "RegenerateProjectId accepted", "RegenerateOrganizationId accepted",
      "CreateProject rejected", "CreateOrganization rejected", "AddMember rejected",
    ];
    const missing = expected.filter((o) => (outcomes.get(o) ?? 0) === 0);
    expect(missing, JSON.stringify([...outcomes].sort())).toEqual([]);
    const accepted = [...outcomes].filter(([o]) => !o.endsWith("rejected")).reduce((sum, [, n]) => sum + n, 0);
    const total = [...outcomes.values()].reduce((sum, n) => sum + n, 0);
    expect(accepted / total).toBeGreaterThan(0.3);
  });
});
