import type { BillingAccountNumber, ExecutionId, ProjectKey } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import { instantArgument, limitArgument, ReadModelQueryError } from "../shared/query-error.js";
import { scopeOf } from "../shared/project-scoped.js";
import { nameMatcher, RESULT_FILTERS, type HistoryQuery, type NameFilter } from "./filters.js";
import type { ExecutionEntry, ExecutionHistoryState } from "./projection.js";
import { executionDuration, executionResult, type ExecutionResult, type ExecutionStatus } from "./result-rules.js";

export interface ExecutionRow {
  readonly executionId: string;
  readonly schedule: string;
  readonly deployment: string;
  readonly environment: string;
  readonly trigger: "adhoc" | "scheduled";
  readonly commit: string;
  /** "Executed At": when it started, or when it was requested if it never started. */
  readonly executedAt: string;
  readonly endedAt: string | null;
  readonly status: ExecutionStatus;
  readonly exitCode: number | null;
  readonly result: ExecutionResult;
  /** HH:MM:SS, or N/A while running. */
  readonly duration: string;
  readonly stopReason: string | null;
}

export interface HistoryPage {
  readonly rows: readonly ExecutionRow[];
  /** True when `limit` cut rows off (the CLI then prints its "Output truncated" hint). */
  readonly truncated: boolean;
  /** When truncated, where the next page starts (`after` of the persisted reader's history query). */
  readonly next?: string;
}

/** An execution as history shows it. */
export function executionRowOf(executionId: ExecutionId, e: ExecutionEntry): ExecutionRow {
  const executedAt = e.startedAt ?? e.requestedAt;
  return {
    executionId,
    schedule: e.schedule,
    deployment: e.deployment,
    environment: e.environment,
    trigger: e.trigger,
    commit: e.commit,
    executedAt,
    endedAt: e.endedAt,
    status: e.status,
    exitCode: e.exitCode,
    result: executionResult(e.status, e.exitCode),
    duration: executionDuration(executedAt, e.endedAt),
    stopReason: e.stopReason,
  };
}

function checkNameFilter(dimension: string, filter: NameFilter | undefined): void {
  if (filter !== undefined && Object.keys(filter).length !== 1) {
    throw new ReadModelQueryError(dimension, `At most one of exact, prefix or contains may be given for '${dimension}'`);
  }
}

/** A checked history query as a per-execution test: the row when the execution matches, with its sort time. */
export interface HistoryMatcher {
  readonly limit: number;
  /** Epoch ms of `since`: executions executed before it never match (history is scanned newest first). */
  readonly since: number | undefined;
  match(executionId: string, e: ExecutionEntry): { readonly row: ExecutionRow; readonly at: number } | undefined;
}

/** Validates a history query (a ReadModelQueryError naming the bad argument) and returns its matcher. */
export function historyMatcher(query: HistoryQuery): HistoryMatcher {
  checkNameFilter("schedule", query.schedule);
  checkNameFilter("deployment", query.deployment);
  if (query.result !== undefined && !RESULT_FILTERS.includes(query.result)) {
    throw new ReadModelQueryError("result", `'result' must be one of success, failed, running, got '${String(query.result)}'`);
  }
  const since = query.since === undefined ? undefined : instantArgument("since", query.since);
  const limit = limitArgument(query.limit);
  const schedule = nameMatcher(query.schedule);
  const deployment = nameMatcher(query.deployment);
  return {
    limit,
    since,
    match(id, e) {
      if (schedule !== undefined && !schedule(e.schedule)) return undefined;
      if (deployment !== undefined && !deployment(e.deployment)) return undefined;
      const r = executionRowOf(id, e);
      if (query.result !== undefined && r.result.toLowerCase() !== query.result) return undefined;
      const at = Date.parse(r.executedAt);
      if (since !== undefined && !(at >= since)) return undefined;
      return { row: r, at };
    },
  };
}

/** One project's execution history, newest first, filtered like the Meltano Cloud CLI's `history`. */
export function executionHistoryOf(
  state: ExecutionHistoryState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  query: HistoryQuery = {},
): HistoryPage {
  const matcher = historyMatcher(query);
  const limit = matcher.limit;
  const executions = scopeOf(state.projects, billingAccountNumber, projectKey);
  if (executions === undefined) return { rows: [], truncated: false };
  const matched: { row: ExecutionRow; at: number }[] = [];
  for (const [id, e] of executions) {
    const m = matcher.match(id, e);
    if (m !== undefined) matched.push(m);
  }
  matched.sort((a, b) => b.at - a.at || byCodeUnits(a.row.executionId, b.row.executionId));
  return { rows: matched.slice(0, limit).map((m) => m.row), truncated: matched.length > limit };
}

/** One execution of the project, or undefined (also when it belongs to another project or organization). */
export function executionView(
  state: ExecutionHistoryState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  executionId: string,
): ExecutionRow | undefined {
  const e = scopeOf(state.projects, billingAccountNumber, projectKey)?.get(executionId);
  return e === undefined ? undefined : executionRowOf(executionId, e);
}
