import {
  deploymentStream,
  organizationStream,
  parseActor,
  parseStreamName,
  projectStream,
  type DeploymentState,
  type EventStore,
  type OrganizationState,
  type ProjectState,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import { keyMismatch, STREAM_REPLAYERS } from "./stream-kinds.js";

export interface AuditFault {
  readonly kind: "unknown-stream" | "undecodable" | "wrong-stream" | "bad-actor" | "evolve-failed" | "invariant";
  readonly streamName: string;
  readonly version: number;
  readonly message: string;
}

export type ReplayAuditResult =
  | { readonly ok: true; readonly events: number; readonly streams: number }
  | { readonly ok: false; readonly fault: AuditFault; readonly events: number };

type Data = Readonly<Record<string, unknown>>;

/**
 * The cross-stream rules a valid history keeps, checked with the states of the streams as they were when the event
 * was recorded (global order): nothing happens to an entity whose parent did not exist, no schedule is enabled on a
 * deployment that does not have it, and no execution runs without a deployed environment.
 */
function invariantBroken(event: RecordedEvent, data: Data, states: ReadonlyMap<string, unknown>, history: DeployedHistory): string | undefined {
  const organization = typeof data.organization === "string" ? data.organization : undefined;
  const projectKey = typeof data.projectKey === "string" ? data.projectKey : undefined;
  switch (event.type) {
    case "ProjectCreated": {
      const org = states.get(organizationStream(organization ?? "")) as OrganizationState | undefined;
      return org?.status === "active" ? undefined : `project created in organization '${String(organization)}', which does not exist`;
    }
    case "DeploymentCreated": {
      const project = states.get(projectStream(projectKey ?? "")) as ProjectState | undefined;
      if (project?.status !== "active" || project.organization !== organization) return `deployment created in project '${String(projectKey)}', which does not exist in organization '${String(organization)}'`;
      return undefined;
    }
    case "ScheduleEnabled": {
      const deployment = states.get(event.streamName) as DeploymentState | undefined;
      if (deployment?.status !== "deployed") return `schedule '${String(data.schedule)}' enabled on a deployment that does not exist`;
      return deployment.schedules.some((schedule) => schedule.name === data.schedule) ? undefined : `schedule '${String(data.schedule)}' enabled but not deployed there`;
    }
    case "ExecutionRequested": {
      const stream = deploymentStream(projectKey ?? "", String(data.deployment));
      // The execution and deployment streams are separate consistency boundaries: a request decided on the deployment as
      // it was may be appended just after a concurrent delete, redeploy or disable. It is valid when the deployment did
      // have that environment, commit and schedule (enabled, for a scheduled run) before it.
      const seen = history.get(stream);
      const had = (enabled: boolean): boolean => seen?.has(deployedSignature(data.environment, data.commit, data.schedule, enabled)) ?? false;
      if (had(true) || (data.trigger !== "scheduled" && had(false))) return undefined;
      const deployment = states.get(stream) as DeploymentState | undefined;
      if (deployment?.status !== "deployed") return `execution requested on deployment '${String(data.deployment)}', which is not deployed`;
      const schedule = deployment.schedules.find((candidate) => candidate.name === data.schedule);
      if (schedule === undefined) return `execution requested for schedule '${String(data.schedule)}', which deployment '${String(data.deployment)}' does not have`;
      if (data.trigger === "scheduled" && !schedule.enabled) return `scheduled execution of schedule '${String(data.schedule)}', which is disabled`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Per deployment stream, every (environment, commit, schedule, enabled) it has had while deployed. */
type DeployedHistory = Map<string, Set<string>>;

function deployedSignature(environment: unknown, commit: unknown, schedule: unknown, enabled: boolean): string {
  return JSON.stringify([environment, commit, schedule, enabled]);
}

function remember(history: DeployedHistory, streamName: string, state: unknown): void {
  const deployment = state as DeploymentState;
  if (deployment.status !== "deployed") return;
  const seen = history.get(streamName) ?? new Set<string>();
  for (const schedule of deployment.schedules) seen.add(deployedSignature(deployment.environment, deployment.commit, schedule.name, schedule.enabled));
  history.set(streamName, seen);
}

/**
 * Decodes every event with its stream's serde, replays every stream through its decider's `evolve` in global order,
 * and checks each event against its stream's key and the cross-stream invariants. Returns the first fault.
 */
export async function replayAudit(store: Pick<EventStore, "readAll">, options: { readonly onProgress?: (events: number) => void; readonly pageSize?: number } = {}): Promise<ReplayAuditResult> {
  const pageSize = options.pageSize ?? 1000;
  const states = new Map<string, unknown>();
  const history: DeployedHistory = new Map();
  let events = 0;
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return { ok: true, events, streams: states.size };
    for (const recorded of page) {
      const fault = (kind: AuditFault["kind"], message: string): ReplayAuditResult => ({
        ok: false,
        fault: { kind, streamName: recorded.streamName, version: recorded.version, message },
        events,
      });
      const id = parseStreamName(recorded.streamName);
      if (id === undefined) return fault("unknown-stream", "the stream name is not one of the domain's");
      const replayer = STREAM_REPLAYERS[id.kind];
      const decoded = replayer.serde.decode(recorded);
      if (decoded._tag === "Left") return fault("undecodable", decoded.left);
      const data = (decoded.right as { data?: Data }).data ?? {};
      const mismatch = keyMismatch(id, data);
      if (mismatch !== undefined) return fault("wrong-stream", mismatch);
      if (parseActor(recorded.metadata.actor)._tag === "Left") return fault("bad-actor", `actor '${recorded.metadata.actor}' is neither github:<id> nor system:<name>`);
      const broken = invariantBroken(recorded, data, states, history);
      if (broken !== undefined) return fault("invariant", broken);
      try {
        states.set(recorded.streamName, replayer.evolve(states.get(recorded.streamName) ?? replayer.initialState(), decoded.right));
        if (id.kind === "deployment") remember(history, recorded.streamName, states.get(recorded.streamName));
      } catch (error) {
        return fault("evolve-failed", error instanceof Error ? error.message : String(error));
      }
      events += 1;
      after = recorded.globalPosition;
    }
    options.onProgress?.(events);
  }
}
