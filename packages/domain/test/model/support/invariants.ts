import { deploymentStream, type DeploymentState, type RecordedEvent } from "@cloud-ledger/domain";
import { aggregateOf, decodeOrThrow } from "./replay.js";

interface Typed {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * Checks each new event against the states just before it, then applies it. Throws naming the first event that breaks
 * an invariant: no schedule flag set on a deployment that does not exist (or lacks that schedule), no second creation
 * of a live deployment (names unique per project), no execution without a deployed environment that has the schedule
 * (enabled, for a scheduled run).
 */
export function applyCheckingInvariants(states: Map<string, unknown>, events: readonly RecordedEvent[]): void {
  for (const recorded of events) {
    const event = decodeOrThrow(recorded) as Typed;
    const where = `${recorded.streamName}@${recorded.version} ${event.type}`;
    const deploymentOf = (projectKey: unknown, deployment: unknown): DeploymentState =>
      (states.get(deploymentStream(String(projectKey), String(deployment))) as DeploymentState | undefined) ?? { status: "absent" };
    switch (event.type) {
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = deploymentOf(event.data.projectKey, event.data.deployment);
        if (d.status !== "deployed" || !d.schedules.some((s) => s.name === event.data.schedule)) {
          throw new Error(`${where}: the schedule's deployment does not exist or lacks the schedule`);
        }
        break;
      }
      case "DeploymentCreated": {
        if (deploymentOf(event.data.projectKey, event.data.deployment).status === "deployed") {
          throw new Error(`${where}: a deployment of that name already exists in the project`);
        }
        break;
      }
      case "ExecutionRequested": {
        const d = deploymentOf(event.data.projectKey, event.data.deployment);
        const schedule = d.status === "deployed" ? d.schedules.find((s) => s.name === event.data.schedule) : undefined;
        if (d.status !== "deployed" || schedule === undefined) throw new Error(`${where}: no deployed environment with that schedule`);
        if (d.environment !== event.data.environment || d.commit !== event.data.commit) {
          throw new Error(`${where}: the execution does not run the deployed environment and commit`);
        }
        if (event.data.trigger === "scheduled" && !schedule.enabled) throw new Error(`${where}: a scheduled run of a disabled schedule`);
        break;
      }
      default:
        break;
    }
    const { decider } = aggregateOf(recorded.streamName);
    const before: unknown = states.has(recorded.streamName) ? states.get(recorded.streamName) : decider.initialState();
    states.set(recorded.streamName, decider.evolve(before, event));
  }
}
