import type { ExecutionTrigger } from "./events.js";

/** `stopping`: a user asked the runner holding it to stop; it counts as running until the runner confirms (rule 38). */
export type ExecutionStatus = "requested" | "running" | "stopping" | "finished" | "stopped";

export interface KnownExecution {
  readonly status: ExecutionStatus;
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly trigger: ExecutionTrigger;
  readonly tickId?: string;
  /** The runner that claimed it, when a runner (not a member in person) started it. */
  readonly runnerId?: string;
  /** Set once finished. */
  readonly exitCode?: number;
}

export type ExecutionState = { readonly status: "none" } | KnownExecution;
