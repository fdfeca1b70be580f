import type { CommandOf } from "../../commands.js";
import { deploymentEventSerde, executionEventSerde } from "../../events.js";
import { DomainErrors } from "../../errors.js";
import { EXECUTION_ID_PATTERN, SLUG_PATTERN } from "../../codec/primitives.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { executionDecider } from "../../execution/decider.js";
import { scheduledExecutionIdOf } from "../../naming/keys.js";
import { creditsStream, deploymentStream, executionStream, organizationStream, projectStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { admitExecution, endExecution } from "./credits.js";

/**
 * Rules 35-37 and scheduled ticks. The execution id is derived so that repeating the request is harmless: from the
 * tick for a scheduled run; for an ad-hoc run it is the command's own (chosen by the caller, e.g. from the id port) or
 * derived from the command id — either way a retried command addresses the same execution.
 */
async function requestExecution(
  run: Dispatch,
  command: CommandOf<"RunSchedule"> | CommandOf<"RequestScheduledExecution">,
): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  if (command.deployment.trim() === "") return rejected(DomainErrors.deploymentNameRequired());
  const { organization, projectKey, deployment, schedule } = command;
  const project = await run.project(organization, projectKey);
  if (project._tag === "Left") return project;
  if (!SLUG_PATTERN.test(deployment)) return rejected(DomainErrors.scheduleNotFound(deployment, schedule));
  const deploymentState = await run.load(deploymentStream(projectKey, deployment), deploymentDecider, deploymentEventSerde);
  if (deploymentState._tag === "Left") return deploymentState;

  const scheduled = command.type === "RequestScheduledExecution";
  const executionId = executionIdOf(run, command);
  // Rule 44: no new run once the organization's credits are used up.
  const admitted = await admitExecution(run, organization, executionId);
  if (admitted._tag === "Left") return admitted;
  const done = await run.exec(executionStream(executionId), executionDecider, executionEventSerde, {
    type: "RequestExecution",
    organization,
    projectKey,
    executionId,
    deploymentName: deployment,
    schedule,
    trigger: scheduled ? "scheduled" : "adhoc",
    ...(scheduled ? { tickId: command.tickId } : {}),
    deploymentState: deploymentState.right.state,
  });
  return done._tag === "Left" ? done : run.success();
}

async function executionLifecycle(
  run: Dispatch,
  command: CommandOf<"StartExecution" | "FinishExecution" | "StopExecution" | "ReportExecutionStopped">,
): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  // Rule 42: a run is charged when it ends.
  if (command.type !== "StartExecution") return endExecution(run, command);
  const done = await run.exec(executionStream(command.executionId), executionDecider, executionEventSerde, command);
  return done._tag === "Left" ? done : run.success();
}

/** From the tick for a scheduled run; the command's own or one derived from the command id for an ad-hoc run. */
function executionIdOf(run: Dispatch, command: CommandOf<"RunSchedule"> | CommandOf<"RequestScheduledExecution">) {
  const { organization, projectKey, deployment, schedule } = command;
  return command.type === "RequestScheduledExecution"
    ? scheduledExecutionIdOf(organization, projectKey, deployment, schedule, command.tickId)
    : (command.executionId ?? run.adhocExecutionId(organization));
}

export const requestExecutionFlow: DeclaredFlow<CommandOf<"RunSchedule"> | CommandOf<"RequestScheduledExecution">> = {
  streams(command, run) {
    const { organization, projectKey, deployment } = command;
    const executionId = executionIdOf(run, command);
    return [
      organizationStream(organization),
      projectStream(projectKey),
      creditsStream(organization),
      ...(SLUG_PATTERN.test(deployment) ? [deploymentStream(projectKey, deployment)] : []),
      ...(EXECUTION_ID_PATTERN.test(executionId) ? [executionStream(executionId)] : []),
    ];
  },
  run: requestExecution,
};

export const executionLifecycleFlow: DeclaredFlow<
  CommandOf<"StartExecution" | "FinishExecution" | "StopExecution" | "ReportExecutionStopped">
> = {
  streams: ({ type, organization, executionId }) => [
    organizationStream(organization),
    ...(EXECUTION_ID_PATTERN.test(executionId) ? [executionStream(executionId)] : []),
    // Rule 42: an end is charged to the organization's credits.
    ...(type === "StartExecution" ? [] : [creditsStream(organization)]),
  ],
  run: executionLifecycle,
};
