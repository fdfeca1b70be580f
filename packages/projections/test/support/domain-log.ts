// Writes hand-built domain events to a store with the stream names and metadata the command handler would use.
import {
  GENESIS_HASH,
  deploymentStream,
  domainEventSerde,
  executionStream,
  notificationsStream,
  organizationNameStream,
  organizationStream,
  projectStream,
  userStream,
  type DomainEvent,
  type EventStore,
  type NewEvent,
} from "@cloud-ledger/domain";

export function streamOf(event: DomainEvent): string {
  const d = event.data as Record<string, string>;
  switch (event.type) {
    case "UserSignedUp":
    case "UserLoginChanged":
      return userStream(d["githubUserId"] as string);
    case "OrganizationNameClaimed":
      return organizationNameStream(d["name"] as string);
    case "ProjectCreated":
    case "ProjectIdRegenerated":
    case "ProjectDeploymentAdded":
    case "ProjectDeploymentRemoved":
    case "SecretSet":
    case "SecretDeleted":
      return projectStream(d["projectKey"] as string);
    case "DeploymentCreated":
    case "DeploymentRedeployed":
    case "DeploymentDeleted":
    case "ScheduleEnabled":
    case "ScheduleDisabled":
      return deploymentStream(d["projectKey"] as string, d["deployment"] as string);
    case "ExecutionRequested":
    case "ExecutionStarted":
    case "ExecutionFinished":
    case "ExecutionStopped":
      return executionStream(d["executionId"] as string);
    case "NotificationSet":
    case "NotificationUpdated":
    case "NotificationDeleted":
      return notificationsStream(d["organization"] as string, d["projectKey"]);
    default:
      return organizationStream(d["organization"] as string);
  }
}

export interface LogEntry {
  readonly event: DomainEvent;
  readonly actor: string;
  readonly occurredAt: string;
}

let counter = 0;

export function toNewEvent(entry: LogEntry): NewEvent {
  counter++;
  const encoded = domainEventSerde.encode(entry.event);
  const id = `cmd-${counter}`;
  return {
    eventId: `evt-${counter}`,
    ...encoded,
    metadata: { actor: entry.actor, occurredAt: entry.occurredAt, correlationId: id, causationId: id, commandId: id },
    hash: GENESIS_HASH,
  };
}

/** Appends each entry as its own append, in order. */
export async function appendLog(store: EventStore, entries: readonly LogEntry[]): Promise<void> {
  for (const entry of entries) await store.append(streamOf(entry.event), [toNewEvent(entry)], { expectedVersion: "any" });
}

/** A fluent list of log entries with a clock that advances one minute per event from `start`. */
export class LogScript {
  readonly entries: LogEntry[] = [];
  private minute = 0;
  constructor(
    private readonly start = Date.UTC(2023, 4, 30, 12, 0, 0),
    private actor = "github:1001",
  ) {}
  as(actor: string): this {
    this.actor = actor;
    return this;
  }
  /** Jumps the clock forward. */
  wait(minutes: number): this {
    this.minute += minutes;
    return this;
  }
  add(event: DomainEvent): this {
    const occurredAt = new Date(this.start + this.minute * 60_000).toISOString();
    this.minute++;
    this.entries.push({ event, actor: this.actor, occurredAt });
    return this;
  }
  timeOf(index: number): string {
    return (this.entries[index] as LogEntry).occurredAt;
  }
}
