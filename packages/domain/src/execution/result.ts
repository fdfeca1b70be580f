import type { ExecutionState } from "./state.js";

export type ExecutionResult = "Running" | "Success" | "Failed";

/** The platform status Meltano Cloud reports for an execution (the ECS task status vocabulary). */
export type PlatformStatus = "PENDING" | "RUNNING" | "STOPPING" | "STOPPED";

/**
 * Rule 38: Running unless the status is STOPPED or DELETED; then Success exactly when the exit code is 0, otherwise
 * Failed — a manual stop (no exit code) is Failed too.
 */
export function executionResult(status: string, exitCode: number | null | undefined): ExecutionResult {
  if (status !== "STOPPED" && status !== "DELETED") return "Running";
  return exitCode === 0 ? "Success" : "Failed";
}

export function platformStatusOf(state: ExecutionState): PlatformStatus | undefined {
  switch (state.status) {
    case "none":
      return undefined;
    case "requested":
      return "PENDING";
    case "running":
      return "RUNNING";
    case "stopping":
      return "STOPPING";
    case "finished":
    case "stopped":
      return "STOPPED";
  }
}

/** The Result column of `history` for an execution's state (undefined for an execution that does not exist). */
export function resultOfExecution(state: ExecutionState): ExecutionResult | undefined {
  const status = platformStatusOf(state);
  if (status === undefined || state.status === "none") return undefined;
  return executionResult(status, state.exitCode);
}
