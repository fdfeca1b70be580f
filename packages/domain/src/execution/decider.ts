import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { DeploymentState } from "../deployment/state.js";
import { whyTickNotDue } from "../schedule-timing/tick-check.js";
import type { ExecutionEvent, ExecutionTrigger } from "./events.js";
import type { ExecutionState, KnownExecution } from "./state.js";

interface InProject {
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
}

/** A run request with the deployment it targets, as the application layer loaded it. */
export interface RequestExecution extends InProject {
  readonly type: "RequestExecution";
  /** The deployment name as given (it must match the deployment exactly). */
  readonly deploymentName: string;
  readonly schedule: string;
  readonly trigger: ExecutionTrigger;
  readonly tickId?: string;
  readonly deploymentState: DeploymentState;
}

export type ExecutionCommand =
  | RequestExecution
  | (InProject & { readonly type: "StartExecution" })
  | (InProject & { readonly type: "FinishExecution"; readonly exitCode: number })
  | (InProject & { readonly type: "StopExecution" });

export const USER_REQUESTED_STOP = "User requested stop";

type Result = Either<DomainError, readonly ExecutionEvent[]>;

function request(command: RequestExecution, state: ExecutionState): Result {
  const { organization, projectKey, executionId, deploymentName, schedule, trigger } = command;
  if (state.status !== "none") {
    // A scheduled tick is recorded once: the same tick addresses the same execution, so recording it again is harmless.
    if (trigger === "scheduled" && state.tickId === command.tickId) return right([]);
    return left(DomainErrors.executionAlreadyExists(executionId));
  }
  const deployment = command.deploymentState;
  // Rule 20: compute needs a deployed environment. Meltano answers a missing deployment with the schedule message.
  if (deployment.status !== "deployed" || deployment.organization !== organization || deployment.projectKey !== projectKey) {
    return left(DomainErrors.scheduleNotFound(deploymentName, schedule));
  }
  const found = deployment.schedules.find((s) => s.name === schedule);
  if (found === undefined) return left(DomainErrors.scheduleNotFound(deploymentName, schedule));
  // Rule 36: an ad-hoc run does not need the schedule enabled; a scheduled tick does.
  if (trigger === "scheduled" && !found.enabled) return left(DomainErrors.scheduleNotEnabled(deploymentName, schedule));
  if (trigger === "scheduled") {
    // Rules 29, 30, 43: the scheduler may only record a tick the schedule's timing actually yields.
    const tickId = command.tickId ?? "";
    const { interval, name: scheduleName } = found;
    const why = whyTickNotDue({ projectKey, deployment: deployment.deployment, scheduleName, interval, tickId });
    if (why !== undefined) return left(DomainErrors.tickNotDue(deploymentName, schedule, tickId, why));
  }
  const data = {
    organization,
    projectKey,
    executionId,
    deployment: deployment.deployment,
    schedule,
    environment: deployment.environment,
    commit: deployment.commit,
    trigger,
    ...(command.tickId === undefined ? {} : { tickId: command.tickId }),
  };
  return right([{ type: "ExecutionRequested", data }]);
}

function transition(command: Exclude<ExecutionCommand, RequestExecution>, state: KnownExecution): Result {
  const ref = { organization: state.organization, projectKey: state.projectKey, executionId: state.executionId };
  switch (command.type) {
    case "StartExecution":
      if (state.status === "requested") return right([{ type: "ExecutionStarted", data: ref }]);
      if (state.status === "running") return right([]);
      return left(DomainErrors.executionNotRunning(state.executionId, state.status));
    case "FinishExecution":
      if (state.status === "running") return right([{ type: "ExecutionFinished", data: { ...ref, exitCode: command.exitCode } }]);
      if (state.status === "finished" && state.exitCode === command.exitCode) return right([]);
      if (state.status === "stopped") return left(DomainErrors.executionAlreadyStopped(state.executionId));
      return left(DomainErrors.executionNotRunning(state.executionId, state.status));
    case "StopExecution":
      // Rule 40: a finished or stopped execution is already stopped.
      if (state.status === "finished" || state.status === "stopped") return left(DomainErrors.executionAlreadyStopped(state.executionId));
      return right([{ type: "ExecutionStopped", data: { ...ref, reason: USER_REQUESTED_STOP } }]);
  }
}

/** One execution's lifecycle: requested -> running -> finished (exit code), or stopped from requested or running. */
export const executionDecider: Decider<ExecutionCommand, ExecutionEvent, ExecutionState, DomainError> = {
  initialState: () => ({ status: "none" }),
  decide(command, state) {
    if (command.type === "RequestExecution") return request(command, state);
    if (state.status === "none" || state.organization !== command.organization || state.projectKey !== command.projectKey) {
      return left(DomainErrors.executionNotFound(command.executionId));
    }
    return transition(command, state);
  },
  evolve(state, event) {
    switch (event.type) {
      case "ExecutionRequested": {
        const { organization, projectKey, executionId, deployment, schedule, trigger, tickId } = event.data;
        return {
          status: "requested",
          organization,
          projectKey,
          executionId,
          deployment,
          schedule,
          trigger,
          ...(tickId === undefined ? {} : { tickId }),
        };
      }
      case "ExecutionStarted":
        return state.status === "none" ? state : { ...state, status: "running" };
      case "ExecutionFinished":
        return state.status === "none" ? state : { ...state, status: "finished", exitCode: event.data.exitCode };
      case "ExecutionStopped":
        return state.status === "none" ? state : { ...state, status: "stopped" };
    }
  },
};
