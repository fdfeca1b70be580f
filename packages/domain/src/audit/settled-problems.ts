import type { DeploymentState } from "../deployment/state.js";
import type { ExecutionState } from "../execution/state.js";
import type { ProjectState } from "../project/state.js";
import { parseStreamName, projectStream } from "../streams.js";

/**
 * Rules on a whole ledger's final states, which hold once every command has finished (a command cut short by a crash
 * may leave its second stream behind until it is retried): each project's index lists exactly its live deployments,
 * every live deployment belongs to an existing project, and each execution to a known project.
 */
export function settledLedgerProblems(states: ReadonlyMap<string, unknown>): string[] {
  const problems: string[] = [];
  const live = new Map<string, Set<string>>();
  for (const [streamName, state] of states) {
    const id = parseStreamName(streamName);
    if (id?.kind === "deployment" && (state as DeploymentState).status === "deployed") {
      live.set(id.projectKey, (live.get(id.projectKey) ?? new Set<string>()).add(id.deployment));
    }
    if (id?.kind === "execution") {
      const execution = state as ExecutionState;
      if (execution.status !== "none" && !states.has(projectStream(execution.projectKey))) {
        problems.push(`execution ${execution.executionId} belongs to unknown project ${execution.projectKey}`);
      }
    }
  }
  for (const [streamName, state] of states) {
    const id = parseStreamName(streamName);
    if (id?.kind !== "project" || (state as ProjectState).status !== "active") continue;
    const indexed = [...(state as Extract<ProjectState, { status: "active" }>).deployments.keys()].sort().join(",");
    const actual = [...(live.get(id.projectKey) ?? [])].sort().join(",");
    if (indexed !== actual) problems.push(`project ${id.projectKey} indexes [${indexed}] but its live deployments are [${actual}]`);
  }
  for (const projectKey of live.keys()) {
    if ((states.get(projectStream(projectKey)) as ProjectState | undefined)?.status !== "active") {
      problems.push(`live deployments in project ${projectKey}, which does not exist`);
    }
  }
  return problems;
}
