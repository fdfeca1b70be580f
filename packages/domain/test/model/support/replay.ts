import {
  deploymentDecider,
  deploymentEventSerde,
  executionDecider,
  executionEventSerde,
  organizationDecider,
  organizationEventSerde,
  organizationNameDecider,
  organizationNameEventSerde,
  parseStreamName,
  projectDecider,
  projectEventSerde,
  userDecider,
  userEventSerde,
  type Decider,
  type EventSerde,
  type RecordedEvent,
  type StreamKind,
} from "@cloud-ledger/domain";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDecider = Decider<any, any, any, any>;

/** The decider and serde that own each kind of stream. */
export const AGGREGATES: Readonly<Record<StreamKind, { readonly decider: AnyDecider; readonly serde: EventSerde<unknown> }>> = {
  user: { decider: userDecider, serde: userEventSerde as EventSerde<unknown> },
  organization: { decider: organizationDecider, serde: organizationEventSerde as EventSerde<unknown> },
  "organization-name": { decider: organizationNameDecider, serde: organizationNameEventSerde as EventSerde<unknown> },
  project: { decider: projectDecider, serde: projectEventSerde as EventSerde<unknown> },
  deployment: { decider: deploymentDecider, serde: deploymentEventSerde as EventSerde<unknown> },
  execution: { decider: executionDecider, serde: executionEventSerde as EventSerde<unknown> },
};

export function aggregateOf(streamName: string): { readonly kind: StreamKind; readonly decider: AnyDecider; readonly serde: EventSerde<unknown> } {
  const id = parseStreamName(streamName);
  if (id === undefined) throw new Error(`stream '${streamName}' is not a domain stream`);
  return { kind: id.kind, ...AGGREGATES[id.kind] };
}

export function decodeOrThrow(event: RecordedEvent): unknown {
  const decoded = aggregateOf(event.streamName).serde.decode(event);
  if (decoded._tag === "Left") throw new Error(`stored event ${event.streamName}@${event.version} does not decode: ${decoded.left}`);
  return decoded.right;
}

/** Applies stored events to per-stream states (from each stream's initial state when first seen). */
export function applyEvents(states: Map<string, unknown>, events: readonly RecordedEvent[]): Map<string, unknown> {
  for (const event of events) {
    const { decider } = aggregateOf(event.streamName);
    const before: unknown = states.has(event.streamName) ? states.get(event.streamName) : decider.initialState();
    states.set(event.streamName, decider.evolve(before, decodeOrThrow(event)));
  }
  return states;
}

/** Every stream's state, rebuilt from nothing by folding the whole log. */
export function replay(events: readonly RecordedEvent[]): Map<string, unknown> {
  return applyEvents(new Map(), events);
}
