import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { DeploymentState } from "../deployment/state.js";
import { whyTickNotDue } from "../schedule-timing/tick-check.js";
import type { ExecutionEvent, ExecutionTrigger, StopCause } from "./events.js";
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

interface RunnerReport extends InProject {
  /** The reporting runner; absent when a member reports in person. */
  readonly runnerId?: string;
}

export type ExecutionCommand =
  | RequestExecution
  | (RunnerReport & { readonly type: "StartExecution" })
  | (RunnerReport & { readonly type: "FinishExecution"; readonly exitCode: number })
  | (InProject & { readonly type: "StopExecution" })
  | (RunnerReport & { readonly type: "ReportExecutionStopped"; readonly cause: StopCause; readonly timeoutSeconds?: number });

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

/** The stated `stopped_reason` of a stop that the runner or a sweep reports. */
function stopReason(cause: StopCause, state: KnownExecution, timeoutSeconds: number | undefined): string {
  switch (cause) {
    case "user-requested":
      return USER_REQUESTED_STOP;
    case "timed-out":
      return timeoutSeconds === undefined ? "Execution timed out" : `Execution timed out after ${timeoutSeconds} seconds`;
    case "runner-vanished":
      return state.runnerId === undefined
        ? "The runner stopped sending heartbeats"
        : `Runner '${state.runnerId}' stopped sending heartbeats`;
    case "runner-shutdown":
      return `Runner '${state.runnerId ?? "unknown"}' shut down before the execution ended`;
  }
}

/** A claimed execution answers only to the runner that claimed it; an unclaimed one only to reports without a runner. */
function claimedByAnother(state: KnownExecution, runnerId: string | undefined): boolean {
  return state.runnerId !== runnerId;
}

function reportStopped(command: Extract<ExecutionCommand, { type: "ReportExecutionStopped" }>, state: KnownExecution): Result {
  const ref = { organization: state.organization, projectKey: state.projectKey, executionId: state.executionId };
  if (state.status === "finished" || state.status === "stopped") return left(DomainErrors.executionAlreadyStopped(state.executionId));
  if (state.status === "requested") return left(DomainErrors.executionNotRunning(state.executionId, state.status));
  // A sweep is run by another runner (or a member) precisely because the holder is gone; the other causes are the holder's.
  if (command.cause !== "runner-vanished" && claimedByAnother(state, command.runnerId)) {
    return left(DomainErrors.executionClaimed(state.executionId, state.runnerId));
  }
  // Confirming a user's stop needs a user to have asked (STOPPING); a runner that kills on its own reports a timeout.
  if (command.cause === "user-requested" && state.status !== "stopping") {
    return left(DomainErrors.executionNotRunning(state.executionId, state.status));
  }
  const reason = stopReason(command.cause, state, command.timeoutSeconds);
  // No cause on a user's stop keeps it recorded exactly as stops were before causes existed.
  const cause = command.cause === "user-requested" ? {} : { cause: command.cause };
  return right([{ type: "ExecutionStopped", data: { ...ref, reason, ...cause } }]);
}

function transition(command: Exclude<ExecutionCommand, RequestExecution>, state: KnownExecution): Result {
  const ref = { organization: state.organization, projectKey: state.projectKey, executionId: state.executionId };
  const active = state.status === "running" || state.status === "stopping";
  switch (command.type) {
    case "StartExecution":
      if (state.status === "requested") {
        return right([{ type: "ExecutionStarted", data: command.runnerId === undefined ? ref : { ...ref, runnerId: command.runnerId } }]);
      }
      // Two runners racing for one execution: the append of the first wins and the second is refused here.
      if (active && claimedByAnother(state, command.runnerId))
        return left(DomainErrors.executionClaimed(state.executionId, state.runnerId));
      if (active) return right([]);
      return left(DomainErrors.executionNotRunning(state.executionId, state.status));
    case "FinishExecution":
      if (active && claimedByAnother(state, command.runnerId))
        return left(DomainErrors.executionClaimed(state.executionId, state.runnerId));
      // A process may exit on its own while a stop is pending: its exit code is what happened.
      if (active) return right([{ type: "ExecutionFinished", data: { ...ref, exitCode: command.exitCode } }]);
      if (state.status === "finished" && state.exitCode === command.exitCode) return right([]);
      if (state.status === "stopped") return left(DomainErrors.executionAlreadyStopped(state.executionId));
      return left(DomainErrors.executionNotRunning(state.executionId, state.status));
    case "StopExecution":
      // Rule 40: a finished or stopped execution is already stopped.
      if (state.status === "finished" || state.status === "stopped") return left(DomainErrors.executionAlreadyStopped(state.executionId));
      // Asked again while the runner is stopping it: the stop is already under way (ECS answers StopTask the same way).
      if (state.status === "stopping") return right([]);
      // A runner holds the process: it must end it before the execution is stopped, so ask it (STOPPING).
      if (state.status === "running" && state.runnerId !== undefined) {
        return right([{ type: "ExecutionStopRequested", data: { ...ref, reason: USER_REQUESTED_STOP, runnerId: state.runnerId } }]);
      }
      // Requested, or reported in person: no process answers to the ledger, so the stop is recorded at once.
      return right([{ type: "ExecutionStopped", data: { ...ref, reason: USER_REQUESTED_STOP } }]);
    case "ReportExecutionStopped":
      return reportStopped(command, state);
  }
}

/**
 * One execution's lifecycle: requested -> running -> finished (exit code), or stopped from requested or running; a
 * runner-claimed running execution goes through stopping (the runner confirms) when a user stops it.
 */
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
      case "ExecutionStarted": {
        if (state.status === "none") return state;
        const { runnerId } = event.data;
        return { ...state, status: "running", ...(runnerId === undefined ? {} : { runnerId }) };
      }
      case "ExecutionStopRequested":
        return state.status === "none" ? state : { ...state, status: "stopping" };
      case "ExecutionFinished":
        return state.status === "none" ? state : { ...state, status: "finished", exitCode: event.data.exitCode };
      case "ExecutionStopped":
        return state.status === "none" ? state : { ...state, status: "stopped" };
    }
  },
};
