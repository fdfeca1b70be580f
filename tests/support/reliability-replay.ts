/**
 * Replays a whole log through the domain's deciders and checks the domain's rules, for the reliability suites (crash,
 * concurrency). Every stored event must decode with its stream's serde and evolve (else `apply` throws). Rule breaks
 * are collected with the stream and version of the event that broke them:
 * - `violations`: rules a stream's own decider guarantees (deployment names unique, no schedule toggled on a missing
 *   deployment or schedule), and execution requests that match no state the deployment ever had;
 * - `staleDecisions`: execution requests decided on a deployment state that was current when read but was replaced
 *   (deleted, redeployed without the schedule, schedule disabled) before the request was appended. The execution and
 *   deployment streams are separate consistency boundaries, so concurrent writers can produce these.
 */
import {
  deploymentStream,
  parseStreamName,
  STREAM_REPLAYERS,
  type DeploymentState,
  type ExecutionState,
  type ProjectState,
  type RecordedEvent,
} from "@cloud-ledger/domain";

interface Typed {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Per-stream states folded so far, plus the names each organization claimed. */
export class LogReplay {
  readonly states = new Map<string, unknown>();
  readonly violations: string[] = [];
  readonly staleDecisions: string[] = [];
  /** Every deployed state each deployment stream has had: `env|commit|schedule|enabled` entries. */
  private readonly deployedHistory = new Map<string, Set<string>>();
  /** Position of the last event applied. */
  position = 0;
  events = 0;

  /** Decodes, checks and applies events in global order; throws if one does not decode, records the rules broken. */
  apply(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      const where = `${recorded.streamName}@${recorded.version} (${recorded.type}, position ${recorded.globalPosition})`;
      const id = parseStreamName(recorded.streamName);
      if (id === undefined) throw new Error(`${where}: not a domain stream`);
      const decider = STREAM_REPLAYERS[id.kind];
      const serde = decider.serde;
      const decoded = serde.decode(recorded);
      if (decoded._tag === "Left") throw new Error(`${where}: does not decode: ${decoded.left}`);
      const event = decoded.right as Typed;
      const broken = this.brokenRule(event);
      if (broken !== undefined) {
        if (event.type === "ExecutionRequested" && this.everValid(event.data)) this.staleDecisions.push(`${where}: ${broken}`);
        else this.violations.push(`${where}: ${broken}`);
      }
      const before: unknown = this.states.has(recorded.streamName) ? this.states.get(recorded.streamName) : decider.initialState();
      const after: unknown = decider.evolve(before, event);
      this.states.set(recorded.streamName, after);
      if (id.kind === "deployment") this.remember(recorded.streamName, after as DeploymentState);
      this.position = recorded.globalPosition;
      this.events += 1;
    }
  }

  deployment(projectKey: unknown, deployment: unknown): DeploymentState {
    return (this.states.get(deploymentStream(String(projectKey), String(deployment))) as DeploymentState | undefined) ?? { status: "absent" };
  }

  private remember(streamName: string, state: DeploymentState): void {
    if (state.status !== "deployed") return;
    const seen = this.deployedHistory.get(streamName) ?? new Set<string>();
    for (const s of state.schedules) seen.add([state.environment, state.commit, s.name, s.enabled].join("|"));
    this.deployedHistory.set(streamName, seen);
  }

  /** Whether the deployment ever had the environment, commit and schedule (enabled, for a scheduled run) the request names. */
  private everValid(data: Readonly<Record<string, unknown>>): boolean {
    const seen = this.deployedHistory.get(deploymentStream(String(data.projectKey), String(data.deployment)));
    const key = (enabled: boolean): string => [data.environment, data.commit, data.schedule, enabled].join("|");
    return seen !== undefined && (seen.has(key(true)) || (data.trigger !== "scheduled" && seen.has(key(false))));
  }

  /** Rules checked against the states just before the event: names unique, nothing on a missing deployment. */
  private brokenRule(event: Typed): string | undefined {
    const data = event.data;
    switch (event.type) {
      case "DeploymentCreated":
        return this.deployment(data.projectKey, data.deployment).status === "deployed" ? "a live deployment of that name already exists" : undefined;
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = this.deployment(data.projectKey, data.deployment);
        return d.status === "deployed" && d.schedules.some((s) => s.name === data.schedule) ? undefined : "schedule toggled on a missing deployment or schedule";
      }
      case "ExecutionRequested": {
        const d = this.deployment(data.projectKey, data.deployment);
        const schedule = d.status === "deployed" ? d.schedules.find((s) => s.name === data.schedule) : undefined;
        if (d.status !== "deployed" || schedule === undefined) return "execution requested without a deployed environment that has the schedule";
        if (d.environment !== data.environment || d.commit !== data.commit) return "the execution does not run the deployed environment and commit";
        return data.trigger === "scheduled" && !schedule.enabled ? "scheduled execution of a disabled schedule" : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Rules on the final state, which hold once every command has finished (a command cut short by a crash may leave
   * its second stream behind until it is retried): each execution belongs to a known project, every live deployment
   * to an existing project, and (see `indexProblems`) each project's index lists exactly its live deployments.
   */
  settledProblems(): string[] {
    return [...this.indexProblems(), ...this.ownershipProblems()];
  }

  /** Projects whose index of deployments differs from their live deployment streams. */
  indexProblems(): string[] {
    const problems: string[] = [];
    const live = new Map<string, Set<string>>();
    for (const [streamName, state] of this.states) {
      const id = parseStreamName(streamName);
      if (id?.kind === "deployment" && (state as DeploymentState).status === "deployed") {
        const set = live.get(id.projectKey) ?? new Set<string>();
        set.add(id.deployment);
        live.set(id.projectKey, set);
      }
    }
    for (const [streamName, state] of this.states) {
      const id = parseStreamName(streamName);
      if (id?.kind === "project") {
        const project = state as ProjectState;
        if (project.status !== "active") continue;
        const indexed = [...project.deployments.keys()].sort().join(",");
        const actual = [...(live.get(id.projectKey) ?? [])].sort().join(",");
        if (indexed !== actual) problems.push(`project ${id.projectKey} indexes [${indexed}] but its live deployments are [${actual}]`);
      }
    }
    return problems;
  }

  private ownershipProblems(): string[] {
    const problems: string[] = [];
    const live = new Set<string>();
    for (const [streamName, state] of this.states) {
      const id = parseStreamName(streamName);
      if (id?.kind === "deployment" && (state as DeploymentState).status === "deployed") live.add(id.projectKey);
      if (id?.kind === "execution") {
        const execution = state as ExecutionState;
        if (execution.status !== "none" && !this.states.has(`project-${execution.projectKey}`)) {
          problems.push(`execution ${execution.executionId} belongs to unknown project ${execution.projectKey}`);
        }
      }
    }
    for (const projectKey of live) {
      if ((this.states.get(`project-${projectKey}`) as ProjectState | undefined)?.status !== "active") {
        problems.push(`live deployments in project ${projectKey}, which does not exist`);
      }
    }
    return problems;
  }
}
