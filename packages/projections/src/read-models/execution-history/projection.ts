import type { DomainProjection } from "../shared/domain-projection.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import { scopedFromJson, scopedToJson, scopeOf, type ProjectScoped } from "../shared/project-scoped.js";
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
interface LastExecution {
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

const emptyState = (projects: ProjectScoped<Map<string, ExecutionEntry>> = new Map()): ExecutionHistoryState => ({
  projects,
  strings: new Map(),
  last: { organization: "", projectKey: "", executionId: "", entry: undefined },
});

function pooled(pool: Map<string, string>, text: string): string {
  const kept = pool.get(text);
  if (kept !== undefined) return kept;
  pool.set(text, text);
  return text;
}

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
  if (last.entry !== undefined && last.executionId === executionId && last.projectKey === projectKey && last.organization === organization) {
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

function entryFromJson(pool: Map<string, string>, e: ExecutionEntry): ExecutionEntry {
  return {
    ...e,
    deployment: pooled(pool, e.deployment),
    schedule: pooled(pool, e.schedule),
    environment: pooled(pool, e.environment),
    commit: pooled(pool, e.commit),
  };
}

/** Every execution of every project with its lifecycle times, status and exit code. */
export const executionHistory: DomainProjection<ExecutionHistoryState> = {
  name: "execution-history",
  version: 1,
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
  // The JSON form is the nested entries alone (the caches are rebuilt), unchanged from earlier versions of the state.
  toJson: (state) => scopedToJson(state.projects, (executions) => entriesToJson(executions, (e) => ({ ...e }))),
  fromJson(json) {
    const state = emptyState();
    const projects = scopedFromJson<[string, ExecutionEntry][], Map<string, ExecutionEntry>>(json, "execution-history", (executions) =>
      entriesFromJson(executions, (e) => entryFromJson(state.strings, e)),
    );
    return { ...state, projects };
  },
};
