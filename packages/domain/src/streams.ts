import { stateIdProblem } from "./state/state-id.js";
import { EXECUTION_ID_PATTERN, SLUG_PATTERN, ULID_PATTERN } from "./codec/primitives.js";
import type { BillingAccountNumber, DeploymentSlug, ExecutionId, ProjectKey } from "./codec/primitives.js";

/**
 * Stream names use stable keys only, never internal ids (which a command may regenerate):
 *
 *   user-<github user id>                    organization-<billing account number>
 *   organization-name-<organization name>    project-<project key>
 *   deployment-<project key>.<deployment>    execution-<execution id>
 *   credits-<billing account number>
 *   notifications-<billing account number>[.<project key>]   (one scope's notifications, rule 46)
 *   delivery-<idempotency key>               (one notification delivery: sha256 hex of execution, scope and recipient)
 *   state-<project key>.<state id>
 *   branch-push-<push key>                   schedule-progress-<schedule key>
 *
 * The project key is derived from (organization, normalized repository URL, normalized root path), the push key from
 * (organization, repository URL, branch) and the schedule key from (organization, project, deployment, schedule): see
 * naming/keys.ts.
 */
export type StreamId =
  | { readonly kind: "user"; readonly githubUserId: string }
  | { readonly kind: "organization"; readonly organization: BillingAccountNumber }
  | { readonly kind: "organization-name"; readonly name: string }
  | { readonly kind: "project"; readonly projectKey: ProjectKey }
  | { readonly kind: "deployment"; readonly projectKey: ProjectKey; readonly deployment: DeploymentSlug }
  | { readonly kind: "execution"; readonly executionId: ExecutionId }
  | { readonly kind: "credits"; readonly organization: BillingAccountNumber }
  | { readonly kind: "notifications"; readonly organization: BillingAccountNumber; readonly projectKey?: ProjectKey }
  | { readonly kind: "delivery"; readonly idempotencyKey: string }
  | { readonly kind: "state"; readonly projectKey: ProjectKey; readonly stateId: string }
  | { readonly kind: "branch-push"; readonly pushKey: string }
  | { readonly kind: "schedule-progress"; readonly scheduleKey: string };

export type StreamKind = StreamId["kind"];

export const userStream = (githubUserId: string): string => `user-${githubUserId}`;
export const organizationStream = (organization: BillingAccountNumber): string => `organization-${organization}`;
export const organizationNameStream = (name: string): string => `organization-name-${name}`;
export const projectStream = (projectKey: ProjectKey): string => `project-${projectKey}`;
export const deploymentStream = (projectKey: ProjectKey, deployment: DeploymentSlug): string => `deployment-${projectKey}.${deployment}`;
export const executionStream = (executionId: ExecutionId): string => `execution-${executionId}`;
export const creditsStream = (organization: BillingAccountNumber): string => `credits-${organization}`;

/** The stream of one scope's notifications: the organization's, or one project's. */
export const notificationsStream = (organization: BillingAccountNumber, projectKey?: ProjectKey): string =>
  projectKey === undefined ? `notifications-${organization}` : `notifications-${organization}.${projectKey}`;
export const deliveryStream = (idempotencyKey: string): string => `delivery-${idempotencyKey}`;

/** A state bookmark (rule 53: per project, so every deployment of an environment shares it). */
export const stateStream = (projectKey: ProjectKey, stateId: string): string => `state-${projectKey}.${stateId}`;
export const branchPushStream = (pushKey: string): string => `branch-push-${pushKey}`;
export const scheduleProgressStream = (scheduleKey: string): string => `schedule-progress-${scheduleKey}`;

export function streamNameOf(id: StreamId): string {
  switch (id.kind) {
    case "user":
      return userStream(id.githubUserId);
    case "organization":
      return organizationStream(id.organization);
    case "organization-name":
      return organizationNameStream(id.name);
    case "project":
      return projectStream(id.projectKey);
    case "deployment":
      return deploymentStream(id.projectKey, id.deployment);
    case "execution":
      return executionStream(id.executionId);
    case "credits":
      return creditsStream(id.organization);
    case "notifications":
      return notificationsStream(id.organization, id.projectKey);
    case "delivery":
      return deliveryStream(id.idempotencyKey);
    case "state":
      return stateStream(id.projectKey, id.stateId);
    case "branch-push":
      return branchPushStream(id.pushKey);
    case "schedule-progress":
      return scheduleProgressStream(id.scheduleKey);
  }
}

const PROJECT_KEY = /^[0-9a-f]{32}$/;
const ORGANIZATION_NAME = /^[a-z0-9-]{1,20}$/;

/** The aggregate kind and key of a stream name, or undefined when the name is not one of the domain's. */
export function parseStreamName(streamName: string): StreamId | undefined {
  // Longest prefix first: "organization-name-" also starts with "organization-".
  if (streamName.startsWith("organization-name-")) {
    const name = streamName.slice("organization-name-".length);
    return ORGANIZATION_NAME.test(name) ? { kind: "organization-name", name } : undefined;
  }
  if (streamName.startsWith("organization-")) {
    const organization = streamName.slice("organization-".length);
    return ULID_PATTERN.test(organization) ? { kind: "organization", organization } : undefined;
  }
  if (streamName.startsWith("user-")) {
    const githubUserId = streamName.slice("user-".length);
    return /^[1-9][0-9]{0,19}$/.test(githubUserId) ? { kind: "user", githubUserId } : undefined;
  }
  if (streamName.startsWith("project-")) {
    const projectKey = streamName.slice("project-".length);
    return PROJECT_KEY.test(projectKey) ? { kind: "project", projectKey } : undefined;
  }
  if (streamName.startsWith("deployment-")) {
    const rest = streamName.slice("deployment-".length);
    const dot = rest.indexOf(".");
    const projectKey = rest.slice(0, dot);
    const deployment = rest.slice(dot + 1);
    return dot > 0 && PROJECT_KEY.test(projectKey) && SLUG_PATTERN.test(deployment)
      ? { kind: "deployment", projectKey, deployment }
      : undefined;
  }
  if (streamName.startsWith("execution-")) {
    const executionId = streamName.slice("execution-".length);
    return EXECUTION_ID_PATTERN.test(executionId) ? { kind: "execution", executionId } : undefined;
  }
  if (streamName.startsWith("credits-")) {
    const organization = streamName.slice("credits-".length);
    return ULID_PATTERN.test(organization) ? { kind: "credits", organization } : undefined;
  }
  if (streamName.startsWith("notifications-")) {
    const [organization = "", projectKey, ...rest] = streamName.slice("notifications-".length).split(".");
    if (!ULID_PATTERN.test(organization) || rest.length > 0) return undefined;
    if (projectKey === undefined) return { kind: "notifications", organization };
    return PROJECT_KEY.test(projectKey) ? { kind: "notifications", organization, projectKey } : undefined;
  }
  if (streamName.startsWith("delivery-")) {
    const idempotencyKey = streamName.slice("delivery-".length);
    return /^[0-9a-f]{64}$/.test(idempotencyKey) ? { kind: "delivery", idempotencyKey } : undefined;
  }
  if (streamName.startsWith("state-")) {
    const projectKey = streamName.slice("state-".length, "state-".length + 32);
    const stateId = streamName.slice("state-".length + 33);
    return PROJECT_KEY.test(projectKey) && streamName.charAt("state-".length + 32) === "." && stateIdProblem(stateId) === undefined
      ? { kind: "state", projectKey, stateId }
      : undefined;
  }
  if (streamName.startsWith("branch-push-")) {
    const pushKey = streamName.slice("branch-push-".length);
    return PROJECT_KEY.test(pushKey) ? { kind: "branch-push", pushKey } : undefined;
  }
  if (streamName.startsWith("schedule-progress-")) {
    const scheduleKey = streamName.slice("schedule-progress-".length);
    return PROJECT_KEY.test(scheduleKey) ? { kind: "schedule-progress", scheduleKey } : undefined;
  }
  return undefined;
}

/** The key part of a stream id as one string (for audit trails and filters): e.g. `<project key>.<deployment>`. */
export function streamKeyOf(id: StreamId): string {
  return streamNameOf(id).slice(id.kind.length + 1);
}
