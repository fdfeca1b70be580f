import { expect } from "vitest";
import type fc from "fast-check";
import { createControlPlane, LedgerReplay, type ControlPlane, type RecordedEvent } from "@cloud-ledger/domain";
import {
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  resolveScenarioStep,
  scenarioBootstrap,
  scenarioPinnedCommits,
  type ScenarioDispatch,
  type ScenarioGit,
  type ScenarioStep,
  type ScenarioWorldView,
  webhookAfterPush,
  createArrayEventStore,
  InjectedFault,
  type ArrayEventStore,
  factsOf,
  withoutInternalIds,
  type Facts,
  applyCheckingInvariants,
  ReferenceModel,
  replayStreamStates,
} from "@cloud-ledger/domain/testing";

/*
 * The model-based harness: a bootstrapped world cloned per run, the real control plane on an in-memory log, and one
 * `StepCommand` per scenario step that dispatches it, asks the reference model, and checks everything after it.
 */

export const universe = defaultScenarioUniverse;
export const pinned = scenarioPinnedCommits(universe);

export interface Real {
  readonly store: ArrayEventStore;
  readonly plane: ControlPlane;
  readonly git: ScenarioGit;
  /** The log so far, folded and checked by the library's LedgerReplay (as the audit does). */
  readonly ledger: LedgerReplay;
  readonly states: ReadonlyMap<string, unknown>;
  facts: Facts;
  commands: number;
  /** The previous dispatch and what it gave, for retries. */
  last?: { readonly envelope: Parameters<ControlPlane["dispatch"]>[0]; readonly result: Awaited<ReturnType<ControlPlane["dispatch"]>> };
}

let bootstrapped: ArrayEventStore | undefined;
/** Every other run offers `readStreams`, so both ways of loading a command's streams are checked against the model. */
let runs = 0;
/** `<command type> accepted|rejected|no-op` -> how often, so that a vacuous run (everything rejected) fails. */
export const outcomes = new Map<string, number>();

async function bootstrap(): Promise<ArrayEventStore> {
  const store = createArrayEventStore();
  const plane = createControlPlane({
    store,
    clock: createCountingClock(),
    ids: createCountingIds(0),
    git: createScenarioGit(universe).git,
  });
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(universe)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `boot-${n}` });
    if (result._tag === "Left") throw new Error(`bootstrap step ${n} (${command.type}) failed: ${JSON.stringify(result.left)}`);
  }
  return store;
}

export async function setup(): Promise<{ model: ReferenceModel; real: Real }> {
  bootstrapped ??= await bootstrap();
  runs += 1;
  const store = bootstrapped.clone({ readStreams: runs % 2 === 0 });
  const git = createScenarioGit(universe);
  const model = new ReferenceModel(universe);
  for (const repositoryUrl of pinned.keys()) {
    for (const branch of universe.branches) {
      const head = await git.git.resolve({ repository: repositoryUrl, revision: branch, rootPath: "." });
      if (head._tag === "Left") throw new Error(`scenario git lacks ${repositoryUrl}#${branch}`);
      model.pushed(repositoryUrl, branch, branch === "main" ? "base" : "changed", head.right.commit);
    }
  }
  // The model learns the bootstrap's deployments the same way it learns everything else: from the commands.
  for (const step of scenarioBootstrap(universe)) {
    if (step.command.type === "CreateDeployment" && !model.dispatch(step, () => undefined))
      throw new Error("the model refuses a bootstrap deployment");
  }
  const plane = createControlPlane({
    store,
    clock: createCountingClock("2023-07-01T00:00:00.000Z"),
    ids: createCountingIds(1),
    git: git.git,
  });
  const ledger = new LedgerReplay();
  applyCheckingInvariants(ledger, store.events);
  return { model, real: { store, plane, git, ledger, states: ledger.states, facts: factsOf(ledger.states), commands: 0 } };
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
      enabledSchedules: [...d.schedules].filter(([, enabled]) => enabled).map(([name]) => name),
    })),
  };
}

function flagsOf(facts: Facts): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const [key, d] of facts.deployments) for (const [name, enabled] of d.schedules) flags.set(`${key}/${name}`, enabled);
  return flags;
}

/** How a step is sent: once, or first with an append failing (then retried with the same command id). */
export interface SendOptions {
  readonly faultAt?: number;
}

async function send(real: Real, envelope: Parameters<ControlPlane["dispatch"]>[0], options: SendOptions) {
  if (options.faultAt === undefined) return real.plane.dispatch(envelope);
  real.store.injectFault(options.faultAt);
  const head = real.store.events.length;
  try {
    return await real.plane.dispatch(envelope);
  } catch (error) {
    // Infrastructure failures surface as thrown errors; the caller retries with the same command id.
    expect(error).toBeInstanceOf(InjectedFault);
    const kind = real.store.events.length > head ? "fault after a partial write" : "fault before any write";
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    real.store.clearFault();
    return real.plane.dispatch(envelope);
  } finally {
    real.store.clearFault();
  }
}

async function dispatchStep(model: ReferenceModel, real: Real, step: ScenarioDispatch, options: SendOptions = {}): Promise<void> {
  real.commands += 1;
  const head = real.store.events.length;
  const before = real.facts;
  const envelope = { ...step, commandId: `cmd-${real.commands}` };
  const result = await send(real, envelope, options);
  real.last = { envelope, result };
  const appended: readonly RecordedEvent[] = real.store.events.slice(head);
  const requested = appended.find((e) => e.type === "ExecutionRequested");
  const predicted = model.dispatch(step, () => (requested?.data as { executionId?: string } | undefined)?.executionId);
  const context =
    `${JSON.stringify(step)} -> ` + `${JSON.stringify(result._tag === "Left" ? result.left : result.right.events.map((e) => e.type))}`;

  expect(result._tag === "Right", `model predicted ${predicted ? "acceptance" : "rejection"}: ${context}`).toBe(predicted);
  if (result._tag === "Left") {
    expect(result.left.kind, context).toBe("rejected");
    expect(appended, `a rejected command wrote events: ${context}`).toEqual([]);
  } else {
    expect(result.right.events, context).toEqual(appended);
  }

  // A handled push always leaves its mark (what a retry finds first); it changed something only if more was written.
  const changed = appended.filter((e) => e.type !== "BranchPushHandled");
  const outcome = `${step.command.type} ${result._tag === "Left" ? "rejected" : changed.length === 0 ? "no-op" : "accepted"}`;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  applyCheckingInvariants(real.ledger, appended);
  expect(replayStreamStates(real.store.events), "replaying the log must rebuild the incremental state").toEqual(real.states);
  real.facts = factsOf(real.states);
  const { deployments, executions, secrets, projectIndex } = real.facts;
  expect({ deployments, executions, secrets }, context).toEqual({
    deployments: model.facts.deployments,
    executions: model.facts.executions,
    secrets: model.facts.secrets,
  });
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
    expect(
      changed.every((pair) => pair === target),
      `enabling touched other pairs: ${changed.join(", ")}`,
    ).toBe(true);
  }
}

/** Sends the previous command again with the same command id: nothing new may be written, the answer is the same. */
async function retryLast(real: Real): Promise<void> {
  const last = real.last;
  if (last === undefined) return;
  const head = real.store.events.length;
  const again = await real.plane.dispatch(last.envelope);
  const context = `retry of ${JSON.stringify(last.envelope)}: ${JSON.stringify(again)}`;
  expect(real.store.events.length, context).toBe(head);
  expect(again._tag, context).toBe(last.result._tag);
  if (again._tag === "Left" && last.result._tag === "Left") expect(again.left, context).toEqual(last.result.left);
  if (again._tag === "Right" && last.result._tag === "Right") {
    expect(again.right.events, context).toEqual(last.result.right.events);
    expect(
      again.right.streams.filter((o) => o.appended > 0),
      context,
    ).toEqual([]);
    // A retry is recognised by the streams it wrote the first time (streams it only checked may read as no-ops).
    if (last.result.right.events.length > 0)
      expect(
        again.right.streams.some((o) => o.duplicate),
        context,
      ).toBe(true);
  }
  outcomes.set("retry", (outcomes.get("retry") ?? 0) + 1);
}

export type ModelStep = ScenarioStep | (ScenarioDispatch & { readonly reason: string }) | { readonly kind: "retry-last" };

/** A scheduler sends ticks the schedule's timing yields (rules 29, 43): the scenario's `tick-N` becomes the Nth due tick. */
function withDueTick(model: ReferenceModel, dispatch: ScenarioDispatch): ScenarioDispatch {
  const { command } = dispatch;
  if (command.type !== "RequestScheduledExecution") return dispatch;
  return { ...dispatch, command: { ...command, tickId: model.dueTickId(command) } };
}

export class StepCommand implements fc.AsyncCommand<ReferenceModel, Real> {
  constructor(
    private readonly step: ModelStep,
    private readonly options: SendOptions = {},
  ) {}
  check = () => true;
  async run(model: ReferenceModel, real: Real): Promise<void> {
    const step = this.step;
    if (!("kind" in step)) return dispatchStep(model, real, step, this.options);
    if (step.kind === "retry-last") return retryLast(real);
    if (step.kind === "push") {
      // A rejection is not recorded, so after the repository moves, sending that command again is a new decision (it may
      // resolve another commit, or even succeed), not a retry with a remembered answer.
      if (real.last?.result._tag === "Left") delete real.last;
      model.pushed(step.repositoryUrl, step.branch, step.variant, real.git.push(step.repositoryUrl, step.branch, step.variant));
      for (const webhook of webhookAfterPush(step, universe)) await dispatchStep(model, real, webhook, this.options);
      return;
    }
    return dispatchStep(model, real, withDueTick(model, resolveScenarioStep(step, universe, worldOf(real.facts))), this.options);
  }
  toString = () =>
    `${JSON.stringify(this.step)}${this.options.faultAt === undefined ? "" : ` (append #${this.options.faultAt} fails first)`}`;
}
