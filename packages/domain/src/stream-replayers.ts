import type { EventSerde } from "./application/command-handler.types.js";
import { deploymentDecider } from "./deployment/decider.js";
import { executionDecider } from "./execution/decider.js";
import { organizationDecider } from "./organization/decider.js";
import { organizationNameDecider } from "./organization/name-decider.js";
import { projectDecider } from "./project/decider.js";
import { userDecider } from "./user/decider.js";
import { creditsDecider } from "./credits/decider.js";
import { notificationDecider } from "./notification/decider.js";
import { deliveryDecider } from "./delivery/decider.js";
import { bookmarkDecider } from "./state/decider.js";
import { branchPushDecider } from "./branch-push/decider.js";
import { scheduleProgressDecider } from "./schedule-progress/decider.js";
import type { StreamKind } from "./streams.js";
import {
  branchPushEventSerde,
  creditsEventSerde,
  deliveryEventSerde,
  deploymentEventSerde,
  executionEventSerde,
  notificationEventSerde,
  organizationEventSerde,
  organizationNameEventSerde,
  projectEventSerde,
  stateEventSerde,
  scheduleProgressEventSerde,
  userEventSerde,
} from "./events.js";

/**
 * How to replay one kind of stream: its events' serde (an event type of another aggregate reads as a decode failure)
 * and its decider's fold. Audits and replay-based checks look a stream's kind up here instead of keeping their own table.
 */
export interface StreamReplayer {
  readonly serde: EventSerde<unknown>;
  readonly initialState: () => unknown;
  readonly evolve: (state: unknown, event: unknown) => unknown;
}

function replayer<E, S>(serde: EventSerde<E>, decider: { initialState: () => S; evolve: (state: S, event: E) => S }): StreamReplayer {
  return {
    serde: serde as EventSerde<unknown>,
    initialState: decider.initialState,
    evolve: decider.evolve as (state: unknown, event: unknown) => unknown,
  };
}

export const STREAM_REPLAYERS: Readonly<Record<StreamKind, StreamReplayer>> = {
  user: replayer(userEventSerde, userDecider),
  organization: replayer(organizationEventSerde, organizationDecider),
  "organization-name": replayer(organizationNameEventSerde, organizationNameDecider),
  project: replayer(projectEventSerde, projectDecider),
  deployment: replayer(deploymentEventSerde, deploymentDecider),
  execution: replayer(executionEventSerde, executionDecider),
  credits: replayer(creditsEventSerde, creditsDecider),
  notifications: replayer(notificationEventSerde, notificationDecider),
  delivery: replayer(deliveryEventSerde, deliveryDecider),
  state: replayer(stateEventSerde, bookmarkDecider),
  "branch-push": replayer(branchPushEventSerde, branchPushDecider),
  "schedule-progress": replayer(scheduleProgressEventSerde, scheduleProgressDecider),
};
