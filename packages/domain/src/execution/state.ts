import type { ExecutionTrigger } from "./events.js";

export type ExecutionStatus = "requested" | "running" | "finished" | "stopped";

export interface KnownExecution {
  readonly status: ExecutionStatus;
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly trigger: ExecutionTrigger;
  readonly tickId?: string;
  /** Set once finished. */
  readonly exitCode?: number;
}

export type ExecutionState = { readonly status: "none" } | KnownExecution;
