import type { DomainProjection } from "../shared/domain-projection.js";
import { scopeOf } from "../shared/project-scoped.js";
import { historyFromJson, historyToJson } from "./checkpoint-json.js";
import { emptyState, pooled, type ExecutionEntry, type ExecutionHistoryState, type LastExecution } from "./state.js";

export type { ExecutionEntry, ExecutionHistoryState } from "./state.js";

function remember(last: LastExecution, organization: string, projectKey: string, executionId: string, entry: ExecutionEntry): void {
  last.organization = organization;
  last.projectKey = projectKey;
  last.executionId = executionId;
  last.entry = entry;
}

/**
 * An execution's lifecycle events usually follow one another (one stream, often one append), and comparing three
 * strings with the last execution's is cheaper than hashing them for three map lookups. Entries are never removed
 * from the history, so a remembered entry stays the live one.
 */
function find(state: ExecutionHistoryState, organization: string, projectKey: string, executionId: string): ExecutionEntry | undefined {
  const last = state.last;
  if (
    last.entry !== undefined &&
    last.executionId === executionId &&
    last.projectKey === projectKey &&
    last.organization === organization
  ) {
    return last.entry;
  }
  const entry = scopeOf(state.projects, organization, projectKey)?.get(executionId);
  if (entry !== undefined) remember(last, organization, projectKey, executionId, entry);
  return entry;
}

function executionsOf(state: ExecutionHistoryState, organization: string, projectKey: string): Map<string, ExecutionEntry> {
  let projects = state.projects.get(organization);
  if (projects === undefined) {
    projects = new Map();
    state.projects.set(organization, projects);
  }
  let executions = projects.get(projectKey);
  if (executions === undefined) {
    executions = new Map();
    projects.set(projectKey, executions);
  }
  return executions;
}

/** Every execution of every project with its lifecycle times, status and exit code. */
export const executionHistory: DomainProjection<ExecutionHistoryState> = {
  name: "execution-history",
  version: 2,
  initialState: () => emptyState(),
  apply(state, event, recorded) {
    if (event.type === "ExecutionRequested") {
      const d = event.data;
      const pool = state.strings;
      const entry: ExecutionEntry = {
        deployment: pooled(pool, d.deployment),
        schedule: pooled(pool, d.schedule),
        environment: pooled(pool, d.environment),
        commit: pooled(pool, d.commit),
        trigger: d.trigger === "adhoc" ? "adhoc" : "scheduled",
        requestedAt: recorded.metadata.occurredAt,
        startedAt: null,
        endedAt: null,
        status: "PENDING",
        exitCode: null,
        stopReason: null,
      };
      executionsOf(state, d.organization, d.projectKey).set(d.executionId, entry);
      remember(state.last, d.organization, d.projectKey, d.executionId, entry);
      return state;
    }
    if (event.type !== "ExecutionStarted" && event.type !== "ExecutionFinished" && event.type !== "ExecutionStopped") {
      return state;
    }
    const d = event.data;
    const execution = find(state, d.organization, d.projectKey, d.executionId);
    if (execution === undefined) return state;
    const at = recorded.metadata.occurredAt;
    if (event.type === "ExecutionStarted") {
      execution.startedAt = at;
      execution.status = "RUNNING";
    } else {
      execution.endedAt = at;
      execution.status = "STOPPED";
      if (event.type === "ExecutionFinished") execution.exitCode = event.data.exitCode;
      else execution.stopReason = event.data.reason;
    }
    return state;
  },
  // Version 2: the checkpoint JSON is column-wise (version 1 repeated every field name for every execution).
  toJson: historyToJson,
  fromJson: historyFromJson,
};
