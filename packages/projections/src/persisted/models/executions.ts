import type { ExecutionEntry } from "../../read-models/execution-history/state.js";
import { MODEL, projectScope, type RowModel } from "./row-model.js";

export type ExecutionRowValue = {
  deployment: string;
  schedule: string;
  environment: string;
  commit: string;
  trigger: "adhoc" | "scheduled";
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  status: ExecutionEntry["status"];
  exitCode: number | null;
  stopReason: string | null;
};

/** The time history orders by ("Executed At"): the start, or the request while it has not started. */
export const executedAtMillis = (e: ExecutionRowValue): number => Date.parse(e.startedAt ?? e.requestedAt);

/** One row per execution, sorted by when it ran: `history --limit 10` reads ten rows through the sort index. */
export const executionRows: RowModel = {
  name: "execution-history",
  async apply(tx, event, recorded) {
    const at = recorded.metadata.occurredAt;
    if (event.type === "ExecutionRequested") {
      const d = event.data;
      const value: ExecutionRowValue = {
        deployment: d.deployment,
        schedule: d.schedule,
        environment: d.environment,
        commit: d.commit,
        trigger: d.trigger === "adhoc" ? "adhoc" : "scheduled",
        requestedAt: at,
        startedAt: null,
        endedAt: null,
        status: "PENDING",
        exitCode: null,
        stopReason: null,
      };
      tx.put(MODEL.execution, projectScope(d.organization, d.projectKey), d.executionId, value, executedAtMillis(value));
      return;
    }
    if (event.type !== "ExecutionStarted" && event.type !== "ExecutionFinished" && event.type !== "ExecutionStopped") return;
    const d = event.data;
    const scope = projectScope(d.organization, d.projectKey);
    const old = await tx.get<ExecutionRowValue>(MODEL.execution, scope, d.executionId);
    if (old === undefined) return;
    let next: ExecutionRowValue;
    if (event.type === "ExecutionStarted") next = { ...old, startedAt: at, status: "RUNNING" };
    else if (event.type === "ExecutionFinished") next = { ...old, endedAt: at, status: "STOPPED", exitCode: event.data.exitCode };
    else next = { ...old, endedAt: at, status: "STOPPED", stopReason: event.data.reason };
    tx.put(MODEL.execution, scope, d.executionId, next, executedAtMillis(next));
  },
};
