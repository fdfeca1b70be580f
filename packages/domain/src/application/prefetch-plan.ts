import type { ControlPlaneCommand } from "../commands.js";
import { EXECUTION_ID_PATTERN, SLUG_PATTERN } from "../codec/primitives.js";
import { slugOf } from "../naming/slugify.js";
import { scheduledExecutionIdOf } from "../naming/keys.js";
import { creditsStream, deploymentStream, executionStream, organizationStream, projectStream, stateStream } from "../streams.js";
import { stateIdProblem } from "../state/state-id.js";

/**
 * The streams a command's flow is going to load, so that a server store can read all of their tails in one round trip
 * instead of one per stream. Only a hint: a stream missing here is read when the flow loads it, and one listed but
 * never loaded costs a few bytes. Mirrors the flows' own naming (deployment slugs, derived execution ids).
 */
export function prefetchPlan(command: ControlPlaneCommand, adhocExecutionId: (organization: string) => string): readonly string[] {
  const streams: string[] = [];
  if ("organization" in command) streams.push(organizationStream(command.organization));
  // Requests check the credit balance and ends charge it (rules 42, 44).
  if (CREDITS_COMMANDS.has(command.type) && "organization" in command) streams.push(creditsStream(command.organization));
  if (!("projectKey" in command)) return streams;
  const { projectKey } = command;
  streams.push(projectStream(projectKey));
  const deployment = deploymentOf(command);
  if (deployment !== undefined && SLUG_PATTERN.test(deployment)) streams.push(deploymentStream(projectKey, deployment));
  if ((command.type === "SetState" || command.type === "DeleteState") && stateIdProblem(command.stateId) === undefined) {
    streams.push(stateStream(projectKey, command.stateId));
  }
  const executionId = executionOf(command, adhocExecutionId);
  if (executionId !== undefined && EXECUTION_ID_PATTERN.test(executionId)) streams.push(executionStream(executionId));
  return streams;
}

const CREDITS_COMMANDS: ReadonlySet<ControlPlaneCommand["type"]> = new Set([
  "RunSchedule",
  "RequestScheduledExecution",
  "FinishExecution",
  "StopExecution",
  "PurchaseCredits",
]);

function deploymentOf(command: ControlPlaneCommand): string | undefined {
  switch (command.type) {
    case "CreateDeployment":
    case "UpdateDeployment":
    case "DeleteDeployment":
      return slugOf(command.name);
    case "EnableSchedule":
    case "DisableSchedule":
    case "RunSchedule":
    case "RequestScheduledExecution":
      return command.deployment;
    default:
      return undefined;
  }
}

function executionOf(command: ControlPlaneCommand, adhocExecutionId: (organization: string) => string): string | undefined {
  switch (command.type) {
    case "RunSchedule":
      return command.executionId ?? adhocExecutionId(command.organization);
    case "RequestScheduledExecution":
      return scheduledExecutionIdOf(command.organization, command.projectKey, command.deployment, command.schedule, command.tickId);
    case "StartExecution":
    case "FinishExecution":
    case "StopExecution":
    case "ReportExecutionStopped":
      return command.executionId;
    default:
      return undefined;
  }
}
