import {
  deploymentDecider,
  deploymentEventSerde,
  executionDecider,
  executionEventSerde,
  organizationDecider,
  organizationEventSerde,
  organizationNameDecider,
  organizationNameEventSerde,
  projectDecider,
  projectEventSerde,
  userDecider,
  userEventSerde,
  type EventSerde,
  type StreamId,
  type StreamKind,
} from "@cloud-ledger/domain";

/** How to replay one kind of stream: its events' serde (foreign event types read as corrupt) and its decider's evolve. */
export interface StreamReplayer {
  readonly serde: EventSerde<unknown>;
  readonly initialState: () => unknown;
  readonly evolve: (state: unknown, event: unknown) => unknown;
}

function replayer<E, S>(serde: EventSerde<E>, decider: { initialState: () => S; evolve: (state: S, event: E) => S }): StreamReplayer {
  return { serde: serde as EventSerde<unknown>, initialState: decider.initialState, evolve: decider.evolve as (state: unknown, event: unknown) => unknown };
}

export const STREAM_REPLAYERS: Readonly<Record<StreamKind, StreamReplayer>> = {
  user: replayer(userEventSerde, userDecider),
  organization: replayer(organizationEventSerde, organizationDecider),
  "organization-name": replayer(organizationNameEventSerde, organizationNameDecider),
  project: replayer(projectEventSerde, projectDecider),
  deployment: replayer(deploymentEventSerde, deploymentDecider),
  execution: replayer(executionEventSerde, executionDecider),
};

/**
 * The fields of an event that must agree with the stream it is in: an event filed under another entity's stream (or
 * another organization's) is a fault even when its hash chain holds.
 */
export function keyMismatch(id: StreamId, data: Readonly<Record<string, unknown>>): string | undefined {
  const expect = (field: string, value: string): string | undefined =>
    field in data && data[field] !== value ? `its ${field} '${String(data[field])}' does not match the stream's '${value}'` : undefined;
  switch (id.kind) {
    case "user":
      return expect("githubUserId", id.githubUserId);
    case "organization":
      return expect("organization", id.organization);
    case "organization-name":
      return expect("name", id.name);
    case "project":
      return expect("projectKey", id.projectKey);
    case "deployment":
      return expect("projectKey", id.projectKey) ?? expect("deployment", id.deployment);
    case "execution":
      return expect("executionId", id.executionId);
  }
}
