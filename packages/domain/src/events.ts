import { createEventSerde } from "./codec/event-catalog.js";
import { compileEventReplayChecks } from "./codec/replay-check.js";
import { userEventDefinitions, type UserEvent } from "./user/events.js";
import {
  organizationEventDefinitions,
  organizationNameEventDefinitions,
  type OrganizationEvent,
  type OrganizationNameEvent,
} from "./organization/events.js";
import { projectEventDefinitions, type ProjectEvent } from "./project/events.js";
import { deploymentEventDefinitions, type DeploymentEvent } from "./deployment/events.js";
import { executionEventDefinitions, type ExecutionEvent } from "./execution/events.js";
import { creditsEventDefinitions, type CreditsEvent } from "./credits/events.js";
import { notificationEventDefinitions, type NotificationEvent } from "./notification/events.js";
import { deliveryEventDefinitions, type DeliveryEvent } from "./delivery/events.js";
import { stateEventDefinitions, type StateEvent } from "./state/events.js";
import { branchPushEventDefinitions, type BranchPushEvent } from "./branch-push/events.js";
import { scheduleProgressEventDefinitions, type ScheduleProgressEvent } from "./schedule-progress/events.js";

export * from "./user/events.js";
export * from "./organization/events.js";
export * from "./project/events.js";
export * from "./deployment/events.js";
export * from "./execution/events.js";
export * from "./credits/events.js";

export * from "./notification/events.js";

export type DomainEvent =
  | UserEvent
  | OrganizationEvent
  | OrganizationNameEvent
  | ProjectEvent
  | DeploymentEvent
  | ExecutionEvent
  | CreditsEvent
  | NotificationEvent
  | DeliveryEvent
  | StateEvent
  | BranchPushEvent
  | ScheduleProgressEvent;
export * from "./delivery/events.js";
export * from "./state/events.js";

export * from "./branch-push/events.js";
export * from "./schedule-progress/events.js";

export type DomainEventType = DomainEvent["type"];

/** Every event definition of the domain: type, current schema version, data codec and upcasters. */
export const domainEventDefinitions = [
  ...userEventDefinitions,
  ...organizationEventDefinitions,
  ...organizationNameEventDefinitions,
  ...projectEventDefinitions,
  ...deploymentEventDefinitions,
  ...executionEventDefinitions,
  ...creditsEventDefinitions,
  ...notificationEventDefinitions,
  ...deliveryEventDefinitions,
  ...stateEventDefinitions,
  ...branchPushEventDefinitions,
  ...scheduleProgressEventDefinitions,
] as const;

/** The replay path's check of each current-version event's data, compiled once from the catalog above. */
export const domainEventReplayChecks = compileEventReplayChecks(domainEventDefinitions);

/** Decodes any domain event (upcasting older schema versions); what projections and audit use. */
export const domainEventSerde = createEventSerde<DomainEvent>(domainEventDefinitions, "domain");

// Per-aggregate serdes: a stream holding another aggregate's event type reads as corrupt.
export const userEventSerde = createEventSerde<UserEvent>(userEventDefinitions, "user stream");
export const organizationEventSerde = createEventSerde<OrganizationEvent>(organizationEventDefinitions, "organization stream");
export const organizationNameEventSerde = createEventSerde<OrganizationNameEvent>(
  organizationNameEventDefinitions,
  "organization-name stream",
);
export const projectEventSerde = createEventSerde<ProjectEvent>(projectEventDefinitions, "project stream");
export const deploymentEventSerde = createEventSerde<DeploymentEvent>(deploymentEventDefinitions, "deployment stream");
export const executionEventSerde = createEventSerde<ExecutionEvent>(executionEventDefinitions, "execution stream");
export const creditsEventSerde = createEventSerde<CreditsEvent>(creditsEventDefinitions, "credits stream");
export const notificationEventSerde = createEventSerde<NotificationEvent>(notificationEventDefinitions, "notifications stream");
export const deliveryEventSerde = createEventSerde<DeliveryEvent>(deliveryEventDefinitions, "delivery stream");
export const stateEventSerde = createEventSerde<StateEvent>(stateEventDefinitions, "state stream");
export const branchPushEventSerde = createEventSerde<BranchPushEvent>(branchPushEventDefinitions, "branch-push stream");
export const scheduleProgressEventSerde = createEventSerde<ScheduleProgressEvent>(
  scheduleProgressEventDefinitions,
  "schedule-progress stream",
);
