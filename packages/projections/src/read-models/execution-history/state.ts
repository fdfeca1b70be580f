import type { ProjectScoped } from "../shared/project-scoped.js";
import type { ExecutionStatus } from "./result-rules.js";

export interface ExecutionEntry {
  readonly deployment: string;
  readonly schedule: string;
  readonly environment: string;
  readonly commit: string;
  readonly trigger: "adhoc" | "scheduled";
  readonly requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  status: ExecutionStatus;
  exitCode: number | null;
  stopReason: string | null;
}

/** The execution an event last touched: see `find`. A cache, not serialized. */
export interface LastExecution {
  organization: string;
  projectKey: string;
  executionId: string;
  entry: ExecutionEntry | undefined;
}

export interface ExecutionHistoryState {
  /** Billing account number -> project key -> execution id -> execution. */
  readonly projects: ProjectScoped<Map<string, ExecutionEntry>>;
  /**
   * One copy of each deployment, schedule, environment and commit string: every execution names a handful of them,
   * and a store row brings fresh copies each time, which a million-execution history would otherwise keep.
   */
  readonly strings: Map<string, string>;
  readonly last: LastExecution;
}

export const emptyState = (): ExecutionHistoryState => ({
  projects: new Map(),
  strings: new Map(),
  last: { organization: "", projectKey: "", executionId: "", entry: undefined },
});

/** The pool's copy of `text`, adding it on first use. */
export function pooled(pool: Map<string, string>, text: string): string {
  const kept = pool.get(text);
  if (kept !== undefined) return kept;
  pool.set(text, text);
  return text;
}
