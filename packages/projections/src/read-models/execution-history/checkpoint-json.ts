import type { JsonValue } from "@cloud-ledger/domain";
import { jsonArray, jsonEntries, jsonObject } from "../shared/json-shape.js";
import type { ExecutionStatus } from "./result-rules.js";
import { emptyState, pooled, type ExecutionEntry, type ExecutionHistoryState } from "./state.js";

const STATUSES: readonly ExecutionStatus[] = ["PENDING", "RUNNING", "STOPPED", "DELETED"];

/**
 * One project's executions in the checkpoint, column by column in log order: the history holds an entry per
 * execution, and as objects every entry would repeat eleven field names. Deployment, schedule, environment and commit
 * are indexes into the checkpoint's `strings`; `adhoc` is 1 or 0; `statuses` index STATUSES.
 */
// A type alias, not an interface: only an alias is assignable to JsonValue's index signature.
type Columns = {
  readonly ids: string[];
  readonly deployments: number[];
  readonly schedules: number[];
  readonly environments: number[];
  readonly commits: number[];
  readonly adhoc: number[];
  readonly requestedAt: string[];
  readonly startedAt: (string | null)[];
  readonly endedAt: (string | null)[];
  readonly statuses: number[];
  readonly exitCodes: (number | null)[];
  readonly stopReasons: (string | null)[];
};

export function historyToJson(state: ExecutionHistoryState): JsonValue {
  const strings: string[] = [];
  const numbered = new Map<string, number>();
  const ref = (text: string): number => {
    let n = numbered.get(text);
    if (n === undefined) {
      n = strings.length;
      strings.push(text);
      numbered.set(text, n);
    }
    return n;
  };
  const projects: [string, [string, Columns][]][] = [];
  for (const [organization, byKey] of state.projects) {
    const inner: [string, Columns][] = [];
    for (const [projectKey, executions] of byKey) inner.push([projectKey, columnsOf(executions, ref)]);
    projects.push([organization, inner]);
  }
  return { strings, projects };
}

function columnsOf(executions: ReadonlyMap<string, ExecutionEntry>, ref: (text: string) => number): Columns {
  const c: Columns = {
    ids: [],
    deployments: [],
    schedules: [],
    environments: [],
    commits: [],
    adhoc: [],
    requestedAt: [],
    startedAt: [],
    endedAt: [],
    statuses: [],
    exitCodes: [],
    stopReasons: [],
  };
  for (const [id, e] of executions) {
    c.ids.push(id);
    c.deployments.push(ref(e.deployment));
    c.schedules.push(ref(e.schedule));
    c.environments.push(ref(e.environment));
    c.commits.push(ref(e.commit));
    c.adhoc.push(e.trigger === "adhoc" ? 1 : 0);
    c.requestedAt.push(e.requestedAt);
    c.startedAt.push(e.startedAt);
    c.endedAt.push(e.endedAt);
    c.statuses.push(STATUSES.indexOf(e.status));
    c.exitCodes.push(e.exitCode);
    c.stopReasons.push(e.stopReason);
  }
  return c;
}

const fail = (what: string): never => {
  throw new TypeError(`execution-history checkpoint: ${what}`);
};
const text = (value: JsonValue | undefined, what: string): string => (typeof value === "string" ? value : fail(`${what} is not a string`));
const textOrNull = (value: JsonValue | undefined, what: string): string | null => (value === null ? null : text(value, what));

/** Rebuilds the state from `historyToJson`'s form, refusing (TypeError) anything malformed so the runner rebuilds. */
export function historyFromJson(json: JsonValue): ExecutionHistoryState {
  const o = jsonObject(json, "execution-history");
  const strings = jsonArray(o["strings"], "execution-history strings").map((s) => text(s, "a pooled string"));
  const state = emptyState();
  const pooledAt = (value: JsonValue | undefined): string => {
    const s = typeof value === "number" ? strings[value] : undefined;
    return pooled(state.strings, s ?? fail(`no pooled string numbered ${JSON.stringify(value ?? null)}`));
  };
  for (const [organization, byKey] of jsonEntries<JsonValue>(o["projects"], "execution-history projects")) {
    const projects = new Map<string, Map<string, ExecutionEntry>>();
    for (const [projectKey, columnsJson] of jsonEntries<JsonValue>(byKey, "execution-history projects")) {
      const c = jsonObject(columnsJson, "execution-history columns");
      const ids = jsonArray(c["ids"], "execution-history column ids");
      const column = (name: keyof Columns): readonly JsonValue[] => {
        const values = jsonArray(c[name], `execution-history column ${name}`);
        return values.length === ids.length ? values : fail(`column ${name} has ${values.length} entries for ${ids.length} executions`);
      };
      const deployments = column("deployments");
      const schedules = column("schedules");
      const environments = column("environments");
      const commits = column("commits");
      const adhoc = column("adhoc");
      const requestedAt = column("requestedAt");
      const startedAt = column("startedAt");
      const endedAt = column("endedAt");
      const statuses = column("statuses");
      const exitCodes = column("exitCodes");
      const stopReasons = column("stopReasons");
      const executions = new Map<string, ExecutionEntry>();
      for (let i = 0; i < ids.length; i++) {
        const statusNumber = statuses[i];
        const status =
          (typeof statusNumber === "number" ? STATUSES[statusNumber] : undefined) ??
          fail(`no status numbered ${JSON.stringify(statuses[i] ?? null)}`);
        const exitCode = exitCodes[i];
        if (exitCode !== null && typeof exitCode !== "number") fail("an exit code is not a number");
        if (adhoc[i] !== 0 && adhoc[i] !== 1) fail("a trigger is not 0 or 1");
        executions.set(text(ids[i], "an execution id"), {
          deployment: pooledAt(deployments[i]),
          schedule: pooledAt(schedules[i]),
          environment: pooledAt(environments[i]),
          commit: pooledAt(commits[i]),
          trigger: adhoc[i] === 1 ? "adhoc" : "scheduled",
          requestedAt: text(requestedAt[i], "a request time"),
          startedAt: textOrNull(startedAt[i], "a start time"),
          endedAt: textOrNull(endedAt[i], "an end time"),
          status,
          exitCode: exitCode as number | null,
          stopReason: textOrNull(stopReasons[i], "a stop reason"),
        });
      }
      projects.set(projectKey, executions);
    }
    state.projects.set(organization, projects);
  }
  return state;
}
