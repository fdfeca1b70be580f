import { right } from "fp-ts/lib/Either.js";
import type { CommandOf } from "../../commands.js";
import { creditsEventSerde, deploymentEventSerde, executionEventSerde } from "../../events.js";
import { creditsDecider, type ChargeRun, type CheckCredits } from "../../credits/decider.js";
import { admitRun } from "../../credits/admission.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { executionDecider } from "../../execution/decider.js";
import type { ExecutionState } from "../../execution/state.js";
import { creditsStream, deploymentStream, executionStream } from "../../streams.js";
import type { LeadEvent } from "../command-handler.types.js";
import type { LoadedStream } from "../stream-reader.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream } from "../../streams.js";

/** Credits bought for the organization: an owner (manage-billing) or the billing system records them. */
export async function purchaseCredits(run: Dispatch, command: CommandOf<"PurchaseCredits">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, amount } = command;
  const done = await run.exec(creditsStream(organization), creditsDecider, creditsEventSerde, {
    type: "PurchaseCredits",
    organization,
    amount,
  });
  return done._tag === "Left" ? done : run.success();
}

/**
 * Rule 44, before a run is requested. An execution that already exists is left to its decider: a retried request
 * gets its first answer, even when the credits ran out since. The balance is looked at first: while it admits runs
 * (always, for an unmetered organization) whether the execution exists does not matter, and is not loaded.
 */
export async function admitExecution(run: Dispatch, organization: string, executionId: string): Step<void> {
  const credits = await run.load(creditsStream(organization), creditsDecider, creditsEventSerde);
  if (credits._tag === "Left") return credits;
  const admitted = admitRun(organization, credits.right.state);
  if (admitted._tag === "Right") return admitted;
  const existing = await run.load(executionStream(executionId), executionDecider, executionEventSerde);
  if (existing._tag === "Left") return existing;
  return existing.right.state.status !== "none" ? right(undefined) : rejected(admitted.left);
}

/** What the charge needs besides the execution's end: when it started, and its schedule's interval. */
interface RunFacts {
  readonly startedAt: string | undefined;
  readonly interval: string | undefined;
}

/** Requested, then started: while nothing else has happened to a running execution, its last event is its start. */
const STARTED_VERSION = 2;

/** The facts when the loaded execution alone tells them (no read, no await): undefined when `runFacts` must look further. */
function factsAtHand(loaded: LoadedStream<ExecutionState>): RunFacts | undefined {
  const { state, version, lastOccurredAt } = loaded;
  if (state.status === "none") return { startedAt: undefined, interval: undefined };
  // Only a scheduled run can be frequent; an ad-hoc one is infrequent whatever its schedule (rule 42).
  if (state.status === "running" && version === STARTED_VERSION && state.trigger !== "scheduled") {
    return { startedAt: lastOccurredAt, interval: undefined };
  }
  return undefined;
}

async function runFacts(run: Dispatch, stream: string, loaded: LoadedStream<ExecutionState>): Step<RunFacts> {
  const { state, version, lastOccurredAt } = loaded;
  if (state.status === "none") return right({ startedAt: undefined, interval: undefined });
  let startedAt: string | undefined = lastOccurredAt;
  if (state.status !== "running" || version !== STARTED_VERSION) {
    // Anything else (a retry after the end, events other writers add) reads the start from the stream itself.
    const events = await run.ports.store.readStream(stream, { toVersion: version });
    startedAt = events.find((e) => e.type === "ExecutionStarted")?.metadata.occurredAt;
  }
  if (state.trigger !== "scheduled") return right({ startedAt, interval: undefined });
  const deployment = await run.load(deploymentStream(state.projectKey, state.deployment), deploymentDecider, deploymentEventSerde);
  if (deployment._tag === "Left") return deployment;
  const deployed = deployment.right.state;
  const found = deployed.status === "deployed" ? deployed.schedules.find((s) => s.name === state.schedule) : undefined;
  return right({ startedAt, interval: found?.interval });
}

/**
 * The credits command that goes with an execution write: a charge when this command ended the execution (or, on a
 * retry, had ended it), else a check. The end is the recorded time of ExecutionFinished or ExecutionStopped; the
 * start that of ExecutionStarted. A stop before the run started is not a pipeline run and costs nothing.
 */
function chargeFor(
  organization: string,
  state: ExecutionState,
  leadEvents: readonly LeadEvent[],
  facts: RunFacts,
): ChargeRun | CheckCredits {
  const check: CheckCredits = { type: "CheckCredits", organization };
  const end = leadEvents.find((e) => e.type === "ExecutionFinished" || e.type === "ExecutionStopped");
  if (end === undefined || state.status === "none") return check;
  const endedAt = end.metadata.occurredAt;
  // A finish needs a start, so a finish whose start this command did not see (reported at the same moment) had one:
  // it is charged from its end, with no runtime beyond the base (see DECISIONS.md).
  const startedAt = facts.startedAt ?? (end.type === "ExecutionFinished" ? endedAt : undefined);
  if (startedAt === undefined) return check;
  const { projectKey, executionId, deployment, schedule, trigger } = state;
  const interval = facts.interval === undefined ? {} : { interval: facts.interval };
  return { type: "ChargeRun", organization, projectKey, executionId, deployment, schedule, trigger, ...interval, startedAt, endedAt };
}

/**
 * Rule 42: finishing or stopping an execution charges the run to the organization's credits, exactly once. On a store
 * with multi-stream appends the charge lands in the same transaction as the execution's end (a balance that changed
 * meanwhile re-decides both); otherwise it follows it, and a retry of the command finishes a charge a crash cut
 * short. Either way the credits decider charges an execution id once.
 */
export async function endExecution(
  run: Dispatch,
  command: CommandOf<"FinishExecution" | "StopExecution" | "ReportExecutionStopped">,
): Step<DispatchSuccess> {
  const { organization, executionId } = command;
  const stream = executionStream(executionId);
  const loaded = await run.load(stream, executionDecider, executionEventSerde);
  if (loaded._tag === "Left") return loaded;
  const atHand = factsAtHand(loaded.right);
  const facts = atHand === undefined ? await runFacts(run, stream, loaded.right) : right(atHand);
  if (facts._tag === "Left") return facts;
  const lead = { streamName: stream, decider: executionDecider, serde: executionEventSerde, command };
  if (run.atomicPairs) {
    const done = await run.execPair(lead, {
      streamName: creditsStream(organization),
      decider: creditsDecider,
      serde: creditsEventSerde,
      follow: (state, leadEvents) => chargeFor(organization, state, leadEvents, facts.right),
    });
    return done._tag === "Left" ? done : run.success();
  }
  const ended = await run.exec(lead.streamName, executionDecider, executionEventSerde, command);
  if (ended._tag === "Left") return ended;
  const charge = chargeFor(organization, ended.right.state, ended.right.events, facts.right);
  const credits = await run.load(creditsStream(organization), creditsDecider, creditsEventSerde);
  if (credits._tag === "Left") return credits;
  // Unmetered, nothing to charge: no write, and no second read to confirm a no-op.
  if (charge.type === "ChargeRun" && credits.right.state.status === "metered") {
    const charged = await run.exec(creditsStream(organization), creditsDecider, creditsEventSerde, charge);
    if (charged._tag === "Left") return charged;
  }
  return run.success();
}

export const purchaseCreditsFlow: DeclaredFlow<CommandOf<"PurchaseCredits">> = {
  streams: ({ organization }) => [organizationStream(organization), creditsStream(organization)],
  run: purchaseCredits,
};
