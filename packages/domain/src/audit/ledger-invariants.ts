import type { DeploymentState } from "../deployment/state.js";
import type { OrganizationState } from "../organization/state.js";
import type { ProjectState } from "../project/state.js";
import { deploymentStream, organizationStream, projectStream } from "../streams.js";

type Data = Readonly<Record<string, unknown>>;

/**
 * A cross-stream rule an event breaks, judged on the states of the other streams just before it (global order).
 * `stale` marks an execution request that matches no current state of its deployment but did match one it had
 * earlier: the execution and deployment streams are separate consistency boundaries, so a request decided on the
 * deployment as it was may be appended just after a concurrent delete, redeploy or disable. An audit accepts those;
 * a single-writer test does not.
 */
export interface InvariantBreak {
  readonly message: string;
  readonly stale: boolean;
}

interface Seen {
  /** Milliseconds of the first event after which the deployment had this environment, commit and schedule state. */
  readonly since: number;
}

/**
 * The one home of the cross-stream invariants (the audit, the reliability suites and the model-based tests all use
 * it): nothing happens to an entity whose parent does not exist, names stay unique, no schedule is toggled on a
 * deployment that does not have it, and no execution runs without a deployed environment and commit that has the
 * schedule (enabled, for a scheduled run) and existed before the execution was requested.
 */
export class LedgerInvariants {
  /** Per deployment stream, every (environment, commit, schedule, enabled) it has had while deployed, and since when. */
  private readonly deployed = new Map<string, Map<string, Seen>>();

  constructor(private readonly states: ReadonlyMap<string, unknown>) {}

  /** The rule `type` breaks, checked before the event is applied; `occurredAt` in milliseconds. */
  check(type: string, streamName: string, data: Data, occurredAt: number): InvariantBreak | undefined {
    const message = this.broken(type, streamName, data);
    if (type !== "ExecutionRequested") return message === undefined ? undefined : { message, stale: false };
    const since = this.deployedSince(data);
    if (since !== undefined && occurredAt < since) {
      return {
        message: `execution requested at ${new Date(occurredAt).toISOString()}, before its deployment was deployed as it names`,
        stale: false,
      };
    }
    if (message === undefined) return undefined;
    return { message, stale: since !== undefined };
  }

  /** Records a deployment stream's state after one of its events (for the stale check and the time check). */
  observe(streamName: string, state: DeploymentState, occurredAt: number): void {
    if (state.status !== "deployed") return;
    const seen = this.deployed.get(streamName) ?? new Map<string, Seen>();
    for (const schedule of state.schedules) {
      const key = signature(state.environment, state.commit, schedule.name, schedule.enabled);
      if (!seen.has(key)) seen.set(key, { since: occurredAt });
    }
    this.deployed.set(streamName, seen);
  }

  deployment(projectKey: unknown, deployment: unknown): DeploymentState {
    return (
      (this.states.get(deploymentStream(String(projectKey), String(deployment))) as DeploymentState | undefined) ?? { status: "absent" }
    );
  }

  /** When the deployment first had what the request names (enabled, for a scheduled run), or undefined if never. */
  private deployedSince(data: Data): number | undefined {
    const seen = this.deployed.get(deploymentStream(String(data.projectKey), String(data.deployment)));
    const at = (enabled: boolean): number | undefined => seen?.get(signature(data.environment, data.commit, data.schedule, enabled))?.since;
    const enabled = at(true);
    const disabled = data.trigger === "scheduled" ? undefined : at(false);
    if (enabled === undefined) return disabled;
    return disabled === undefined ? enabled : Math.min(enabled, disabled);
  }

  private broken(type: string, streamName: string, data: Data): string | undefined {
    const organization = String(data.organization);
    switch (type) {
      case "ProjectCreated": {
        const org = this.states.get(organizationStream(organization)) as OrganizationState | undefined;
        return org?.status === "active" ? undefined : `project created in organization '${organization}', which does not exist`;
      }
      case "DeploymentCreated": {
        const project = this.states.get(projectStream(String(data.projectKey))) as ProjectState | undefined;
        if (project?.status !== "active" || project.organization !== organization) {
          return `deployment created in project '${String(data.projectKey)}', which does not exist in organization '${organization}'`;
        }
        return (this.states.get(streamName) as DeploymentState | undefined)?.status === "deployed"
          ? "a live deployment of that name already exists"
          : undefined;
      }
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = this.deployment(data.projectKey, data.deployment);
        if (d.status !== "deployed") return `schedule '${String(data.schedule)}' toggled on a deployment that does not exist`;
        return d.schedules.some((s) => s.name === data.schedule)
          ? undefined
          : `schedule '${String(data.schedule)}' toggled but not deployed there`;
      }
      case "ExecutionRequested": {
        const d = this.deployment(data.projectKey, data.deployment);
        if (d.status !== "deployed") return `execution requested on deployment '${String(data.deployment)}', which is not deployed`;
        const schedule = d.schedules.find((s) => s.name === data.schedule);
        if (schedule === undefined)
          return `execution requested for schedule '${String(data.schedule)}', which deployment '${d.deployment}' does not have`;
        if (d.environment !== data.environment || d.commit !== data.commit)
          return "the execution does not run the deployed environment and commit";
        return data.trigger === "scheduled" && !schedule.enabled
          ? `scheduled execution of schedule '${schedule.name}', which is disabled`
          : undefined;
      }
      default:
        return undefined;
    }
  }
}

function signature(environment: unknown, commit: unknown, schedule: unknown, enabled: boolean): string {
  return JSON.stringify([environment, commit, schedule, enabled]);
}
