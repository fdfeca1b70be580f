import type { ControlPlane } from "../application/control-plane.js";
import type { EventStore, RecordedEvent } from "../ports/event-store.js";
import { parseStreamName } from "../streams.js";
import { deploymentEventSerde, executionEventSerde, type DeploymentEvent, type ExecutionEvent } from "../events.js";
import { deploymentDecider } from "../deployment/decider.js";
import { executionDecider } from "../execution/decider.js";
import type { DeploymentState } from "../deployment/state.js";
import type { ExecutionState } from "../execution/state.js";
import { defaultScenarioUniverse, scenarioBootstrap, type ScenarioGit, type ScenarioUniverse } from "./arbitraries-scenario-universe.js";
import type { ScenarioStep } from "./arbitraries-scenario-steps.js";
import { resolveScenarioStep, webhookAfterPush, type ScenarioWorldView } from "./arbitraries-scenario-resolve.js";

/**
 * Dispatches a universe's bootstrap through a control plane (whose git should come from `createScenarioGit`), and
 * throws naming the first step that was refused: after it, every scenario step arbitrary applies.
 */
export async function bootstrapScenario(
  plane: ControlPlane,
  universe: ScenarioUniverse = defaultScenarioUniverse,
  commandIdPrefix = "boot",
): Promise<void> {
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(universe)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `${commandIdPrefix}-${n}` });
    if (result._tag === "Left")
      throw new Error(`scenario bootstrap step ${n} (${command.type}) was refused: ${JSON.stringify(result.left)}`);
  }
}

function decoded<E>(serde: { decode: (e: RecordedEvent) => { _tag: string } }, event: RecordedEvent): E {
  const result = serde.decode(event) as { _tag: "Left"; left: string } | { _tag: "Right"; right: E };
  if (result._tag === "Left") throw new Error(`stored event ${event.streamName}@${event.version} does not decode: ${result.left}`);
  return result.right;
}

/** The deployments (with their enabled schedules) and executions a log holds: what picking steps choose among. */
export function scenarioWorldOf(events: readonly RecordedEvent[]): ScenarioWorldView {
  const deployments = new Map<string, DeploymentState>();
  const executions = new Map<string, ExecutionState>();
  for (const event of events) {
    const id = parseStreamName(event.streamName);
    if (id?.kind === "deployment") {
      const state = deployments.get(event.streamName) ?? deploymentDecider.initialState();
      deployments.set(event.streamName, deploymentDecider.evolve(state, decoded<DeploymentEvent>(deploymentEventSerde, event)));
    } else if (id?.kind === "execution") {
      const state = executions.get(event.streamName) ?? executionDecider.initialState();
      executions.set(event.streamName, executionDecider.evolve(state, decoded<ExecutionEvent>(executionEventSerde, event)));
    }
  }
  return {
    deployments: [...deployments.values()].flatMap((d) =>
      d.status === "deployed"
        ? [
            {
              projectKey: d.projectKey,
              deployment: d.deployment,
              schedules: d.schedules.map((s) => s.name),
              enabledSchedules: d.schedules.filter((s) => s.enabled).map((s) => s.name),
            },
          ]
        : [],
    ),
    executions: [...executions.values()].flatMap((e) =>
      e.status === "none" ? [] : [{ organization: e.organization, projectKey: e.projectKey, executionId: e.executionId }],
    ),
  };
}

export interface ScenarioRun {
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * Runs scenario steps through a control plane after `bootstrapScenario`: pushes go to the scenario git (and its
 * webhook when the step says so), picking steps choose among what the store holds at that moment. Refusals are
 * counted, never thrown: the log the store ends with is one the system can really produce — for property tests of
 * projections, exports or anything else that reads it.
 */
export async function runScenario(
  plane: ControlPlane,
  store: Pick<EventStore, "readAll">,
  git: ScenarioGit,
  steps: readonly ScenarioStep[],
  options: { readonly universe?: ScenarioUniverse; readonly commandIdPrefix?: string } = {},
): Promise<ScenarioRun> {
  const universe = options.universe ?? defaultScenarioUniverse;
  let accepted = 0;
  let rejected = 0;
  let n = 0;
  const send = async (dispatch: { readonly actor: string; readonly command: Parameters<ControlPlane["dispatch"]>[0]["command"] }) => {
    n += 1;
    const result = await plane.dispatch({ ...dispatch, commandId: `${options.commandIdPrefix ?? "step"}-${n}` });
    if (result._tag === "Right") accepted += 1;
    else rejected += 1;
  };
  for (const step of steps) {
    if (step.kind === "push") {
      git.push(step.repositoryUrl, step.branch, step.variant);
      for (const webhook of webhookAfterPush(step, universe)) await send(webhook);
      continue;
    }
    const world = step.kind === "dispatch" ? { deployments: [], executions: [] } : scenarioWorldOf(await store.readAll());
    await send(resolveScenarioStep(step, universe, world));
  }
  return { accepted, rejected };
}
