import {
  deploymentDecider,
  deploymentEventSerde,
  parseStreamName,
  type DeploymentState,
  type EventStore,
  type RecordedEvent,
} from "@cloud-ledger/domain";

/** An enabled schedule of a deployed deployment: what the scheduler makes ticks of. */
export interface SchedulePair {
  readonly organization: string;
  readonly projectKey: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly interval: string;
  /** When the pair was last enabled (or its interval last changed while enabled): ticks before it are not its ticks. */
  readonly since: string;
}

interface Deployment {
  readonly state: DeploymentState;
  readonly since: ReadonlyMap<string, string>;
}

const PAGE = 1000;

/**
 * The enabled (deployment, schedule) pairs, folded from the deployment streams and kept current from the log's global
 * positions: the first catch-up reads the log once, every later one reads only what was appended since.
 */
export class SchedulePairIndex {
  private position = 0;
  private readonly deployments = new Map<string, Deployment>();

  async catchUp(store: EventStore): Promise<void> {
    for (;;) {
      const events = await store.readAll({ after: this.position, limit: PAGE });
      for (const event of events) {
        this.apply(event);
        this.position = event.globalPosition;
      }
      if (events.length < PAGE) return;
    }
  }

  pairs(): SchedulePair[] {
    const pairs: SchedulePair[] = [];
    for (const { state, since } of this.deployments.values()) {
      if (state.status !== "deployed") continue;
      const { organization, projectKey, deployment } = state;
      for (const { name, interval, enabled } of state.schedules) {
        const from = since.get(name);
        if (enabled && from !== undefined) pairs.push({ organization, projectKey, deployment, schedule: name, interval, since: from });
      }
    }
    return pairs;
  }

  private apply(event: RecordedEvent): void {
    if (parseStreamName(event.streamName)?.kind !== "deployment") return;
    const decoded = deploymentEventSerde.decode(event);
    // The control plane only appends what this serde decodes; anything else is for `audit verify` to report.
    if (decoded._tag === "Left") return;
    const before = this.deployments.get(event.streamName);
    const state = deploymentDecider.evolve(before?.state ?? deploymentDecider.initialState(), decoded.right);
    const since = new Map<string, string>();
    if (state.status === "deployed") {
      const previous = before?.state.status === "deployed" ? before.state.schedules : [];
      for (const schedule of state.schedules) {
        if (!schedule.enabled) continue;
        const was = previous.find((s) => s.name === schedule.name);
        const kept = was?.enabled === true && was.interval === schedule.interval ? before?.since.get(schedule.name) : undefined;
        since.set(schedule.name, kept ?? event.metadata.occurredAt);
      }
    }
    this.deployments.set(event.streamName, { state, since });
  }
}
