import type { DomainProjection } from "../shared/domain-projection.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import { ensureScope, scopedFromJson, scopedToJson, scopeOf, type ProjectScoped } from "../shared/project-scoped.js";
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

/** Billing account number -> project key -> execution id -> execution. */
export type ExecutionHistoryState = ProjectScoped<Map<string, ExecutionEntry>>;

/**
 * The execution an event last touched, per state: an execution's lifecycle events usually follow one another (one
 * stream, often one append), and comparing three strings is cheaper than hashing them for three map lookups. Entries
 * are never removed from the history, so a remembered entry stays the live one.
 */
interface LastExecution {
  organization: string;
  projectKey: string;
  executionId: string;
  entry: ExecutionEntry;
}
const lastTouched = new WeakMap<ExecutionHistoryState, LastExecution>();

/**
 * One copy of each deployment, schedule, environment and commit string per state: every execution names a handful
 * of them, and a store row brings fresh copies each time, which a million-execution history would otherwise keep.
 */
const pools = new WeakMap<ExecutionHistoryState, Map<string, string>>();

function pooled(pool: Map<string, string>, text: string): string {
  const kept = pool.get(text);
  if (kept !== undefined) return kept;
  pool.set(text, text);
  return text;
}

function remember(state: ExecutionHistoryState, organization: string, projectKey: string, executionId: string, entry: ExecutionEntry): void {
  const last = lastTouched.get(state);
  if (last === undefined) lastTouched.set(state, { organization, projectKey, executionId, entry });
  else {
    last.organization = organization;
    last.projectKey = projectKey;
    last.executionId = executionId;
    last.entry = entry;
  }
}

function find(state: ExecutionHistoryState, organization: string, projectKey: string, executionId: string): ExecutionEntry | undefined {
  const last = lastTouched.get(state);
  if (last !== undefined && last.executionId === executionId && last.projectKey === projectKey && last.organization === organization) {
    return last.entry;
  }
  const entry = scopeOf(state, organization, projectKey)?.get(executionId);
  if (entry !== undefined) remember(state, organization, projectKey, executionId, entry);
  return entry;
}

/** Every execution of every project with its lifecycle times, status and exit code. */
export const executionHistory: DomainProjection<ExecutionHistoryState> = {
  name: "execution-history",
  version: 1,
  initialState: () => new Map(),
  apply(state, event, recorded) {
    if (event.type === "ExecutionRequested") {
      const d = event.data;
      let pool = pools.get(state);
      if (pool === undefined) {
        pool = new Map();
        pools.set(state, pool);
      }
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
      ensureScope(state, d.organization, d.projectKey, () => new Map<string, ExecutionEntry>()).set(d.executionId, entry);
      remember(state, d.organization, d.projectKey, d.executionId, entry);
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
  toJson: (state) => scopedToJson(state, (executions) => entriesToJson(executions, (e) => ({ ...e }))),
  fromJson: (json) =>
    scopedFromJson<[string, ExecutionEntry][], Map<string, ExecutionEntry>>(json, "execution-history", (executions) =>
      entriesFromJson(executions, (e) => ({ ...e })),
    ),
};
