import fc from "fast-check";
import type { DomainEvent, DomainEventType } from "../events.js";
import { formatCredits } from "../credits/amounts.js";
import {
  billingAccountNumberArbitrary,
  commitHashArbitrary,
  executionIdArbitrary,
  exitCodeArbitrary,
  githubLoginArbitrary,
  githubUserIdArbitrary,
  installationIdArbitrary,
  intervalArbitrary,
  nonEmptyTextArbitrary,
  projectKeyArbitrary,
  roleArbitrary,
  secretNameArbitrary,
  sha256HexArbitrary,
  slugArbitrary,
  stateContentArbitrary,
  stateIdArbitrary,
  ulidArbitrary,
} from "./arbitraries-primitives.js";

/*
 * Codec-valid events of every type, field by field. They are not causally consistent (a ScheduleEnabled may name a
 * deployment that was never created): use them for serde round-trips and for readers that must cope with any valid
 * event. Histories a decider can really produce come from `*HistoryArbitrary` in arbitraries-histories.ts.
 */

type EventArbitraries = { readonly [K in DomainEventType]: fc.Arbitrary<Extract<DomainEvent, { readonly type: K }>> };

function eventOf<K extends DomainEventType>(
  type: K,
  data: { readonly [field: string]: fc.Arbitrary<unknown> },
): fc.Arbitrary<Extract<DomainEvent, { readonly type: K }>> {
  return fc.record(data).map((d) => ({ type, data: d }) as unknown as Extract<DomainEvent, { readonly type: K }>);
}

const organization = billingAccountNumberArbitrary;
const inProject = { organization, projectKey: projectKeyArbitrary };
const inDeployment = { ...inProject, deployment: slugArbitrary };
const inExecution = { ...inProject, executionId: executionIdArbitrary };
const name = nonEmptyTextArbitrary;
/** Canonical credit text (see credits/amounts.ts), from thousandths. */
const creditTextArbitrary = fc.integer({ min: 0, max: 2_000_000_000 }).map(formatCredits);
const instantArbitrary = fc
  .integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") })
  .map((ms) => new Date(ms).toISOString());
const schedule = fc.record({ name, interval: intervalArbitrary });
const schedules = fc.array(schedule, { maxLength: 4 });

const notificationFilter = fc.record(
  {
    events: fc.uniqueArray(fc.constant("job_run")),
    status: fc.uniqueArray(fc.constantFrom("succeeded", "failed", "cancelled")),
  },
  { requiredKeys: [] },
);

/** A notification event of an organization's scope or a project's (projectKey present or not, never undefined). */
function notificationEventOf<K extends "NotificationSet" | "NotificationUpdated" | "NotificationDeleted">(
  type: K,
  required: { readonly [field: string]: fc.Arbitrary<unknown> },
  optional: { readonly [field: string]: fc.Arbitrary<unknown> },
): fc.Arbitrary<Extract<DomainEvent, { readonly type: K }>> {
  const fields = { organization, notificationType: fc.constantFrom("webhook", "email"), recipient: name, ...required };
  const all = { ...fields, ...optional, projectKey: projectKeyArbitrary };
  const requiredKeys = Object.keys(fields) as (keyof typeof all)[];
  return fc.record(all, { requiredKeys }).map((d) => ({ type, data: d }) as unknown as Extract<DomainEvent, { readonly type: K }>);
}

const attempt = fc.integer({ min: 1, max: 100 });
const statusCode = fc.integer({ min: 100, max: 599 });
const inDelivery = {
  idempotencyKey: sha256HexArbitrary,
  organization,
  executionId: executionIdArbitrary,
  channel: fc.constantFrom("webhook" as const, "email" as const),
};

/** A delivery event: its required fields, and any subset of its optional ones (the project key among them). */
function deliveryEventOf<K extends DomainEventType>(
  type: K,
  required: { readonly [field: string]: fc.Arbitrary<unknown> },
  optional: { readonly [field: string]: fc.Arbitrary<unknown> } = {},
): fc.Arbitrary<Extract<DomainEvent, { readonly type: K }>> {
  return fc
    .tuple(fc.record({ ...inDelivery, ...required }), fc.record({ projectKey: projectKeyArbitrary, ...optional }, { requiredKeys: [] }))
    .map(([req, opt]) => ({ type, data: { ...req, ...opt } }) as unknown as Extract<DomainEvent, { readonly type: K }>);
}

/** One arbitrary per event type (complete: a new event type fails to compile until it has one). */
export const eventArbitraries: EventArbitraries = {
  UserSignedUp: eventOf("UserSignedUp", { githubUserId: githubUserIdArbitrary, login: githubLoginArbitrary }),
  UserLoginChanged: eventOf("UserLoginChanged", {
    githubUserId: githubUserIdArbitrary,
    previousLogin: githubLoginArbitrary,
    login: githubLoginArbitrary,
  }),
  OrganizationCreated: eventOf("OrganizationCreated", { organization, name, internalId: ulidArbitrary, owner: githubUserIdArbitrary }),
  OrganizationIdRegenerated: eventOf("OrganizationIdRegenerated", {
    organization,
    previousInternalId: ulidArbitrary,
    internalId: ulidArbitrary,
  }),
  MemberAdded: eventOf("MemberAdded", { organization, githubUserId: githubUserIdArbitrary, role: roleArbitrary }),
  MemberRoleChanged: eventOf("MemberRoleChanged", {
    organization,
    githubUserId: githubUserIdArbitrary,
    previousRole: roleArbitrary,
    role: roleArbitrary,
  }),
  MemberRemoved: eventOf("MemberRemoved", { organization, githubUserId: githubUserIdArbitrary, role: roleArbitrary }),
  GitHubAppInstalled: eventOf("GitHubAppInstalled", {
    organization,
    installationId: installationIdArbitrary,
    account: name,
    accountType: fc.constantFrom("organization", "user"),
  }),
  RepositoryGranted: eventOf("RepositoryGranted", { organization, installationId: installationIdArbitrary, repositoryUrl: name }),
  RepositoryRevoked: eventOf("RepositoryRevoked", { organization, installationId: installationIdArbitrary, repositoryUrl: name }),
  GitHubAppUninstalled: eventOf("GitHubAppUninstalled", {
    organization,
    installationId: installationIdArbitrary,
    revokedRepositories: fc.array(name, { maxLength: 3 }),
  }),
  ProjectRegistered: eventOf("ProjectRegistered", { ...inProject, name, nameSlug: slugArbitrary, repositoryUrl: name, rootPath: name }),
  OrganizationNameClaimed: eventOf("OrganizationNameClaimed", { name, organization }),
  ProjectCreated: eventOf("ProjectCreated", { ...inProject, name, repositoryUrl: name, rootPath: name, internalId: ulidArbitrary }),
  ProjectIdRegenerated: eventOf("ProjectIdRegenerated", { ...inProject, previousInternalId: ulidArbitrary, internalId: ulidArbitrary }),
  ProjectDeploymentAdded: eventOf("ProjectDeploymentAdded", { ...inProject, deployment: slugArbitrary, environment: name, gitRev: name }),
  ProjectDeploymentRemoved: eventOf("ProjectDeploymentRemoved", { ...inProject, deployment: slugArbitrary }),
  SecretSet: eventOf("SecretSet", { ...inProject, name: secretNameArbitrary }),
  SecretDeleted: eventOf("SecretDeleted", { ...inProject, name: secretNameArbitrary }),
  StateSet: fc
    .tuple(
      eventOf("StateSet", { ...inProject, stateId: stateIdArbitrary, content: stateContentArbitrary, digest: sha256HexArbitrary }),
      fc.option(sha256HexArbitrary, { nil: undefined }),
    )
    .map(([event, previousDigest]) => (previousDigest === undefined ? event : { ...event, data: { ...event.data, previousDigest } })),
  StateDeleted: eventOf("StateDeleted", { ...inProject, stateId: stateIdArbitrary, previousDigest: sha256HexArbitrary }),
  DeploymentCreated: eventOf("DeploymentCreated", {
    ...inDeployment,
    environment: name,
    gitRev: name,
    commit: commitHashArbitrary,
    manifestDigest: sha256HexArbitrary,
    schedules,
  }),
  DeploymentRedeployed: eventOf("DeploymentRedeployed", {
    ...inDeployment,
    previousCommit: commitHashArbitrary,
    commit: commitHashArbitrary,
    manifestDigest: sha256HexArbitrary,
    trigger: fc.constantFrom("update", "branch-updated"),
    forced: fc.boolean(),
    preservedGitHash: fc.boolean(),
    schedulesAdded: schedules,
    schedulesRemoved: fc.array(fc.record({ name, wasEnabled: fc.boolean() }), { maxLength: 3 }),
    schedulesKept: fc.array(fc.record({ name, interval: intervalArbitrary, enabled: fc.boolean() }), { maxLength: 3 }),
  }),
  DeploymentDeleted: eventOf("DeploymentDeleted", { ...inDeployment, enabledSchedulesDropped: fc.array(name, { maxLength: 3 }) }),
  ScheduleEnabled: eventOf("ScheduleEnabled", { ...inDeployment, schedule: name }),
  ScheduleDisabled: eventOf("ScheduleDisabled", { ...inDeployment, schedule: name }),
  ExecutionRequested: fc
    .tuple(
      fc.record({
        ...inExecution,
        deployment: slugArbitrary,
        schedule: name,
        environment: name,
        commit: commitHashArbitrary,
        trigger: fc.constantFrom("adhoc" as const, "scheduled" as const),
      }),
      fc.option(name, { nil: undefined }),
    )
    .map(([data, tickId]) => ({ type: "ExecutionRequested" as const, data: tickId === undefined ? data : { ...data, tickId } })),
  ExecutionStarted: eventOf("ExecutionStarted", inExecution),
  ExecutionFinished: eventOf("ExecutionFinished", { ...inExecution, exitCode: exitCodeArbitrary }),
  ExecutionStopped: eventOf("ExecutionStopped", { ...inExecution, reason: name }),
  ExecutionStopRequested: eventOf("ExecutionStopRequested", {
    ...inExecution,
    reason: name,
    runnerId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
  }),
  CreditsPurchased: eventOf("CreditsPurchased", { organization, credits: creditTextArbitrary }),
  CreditsConsumed: fc
    .record({
      ...inExecution,
      deployment: slugArbitrary,
      schedule: name,
      trigger: fc.constantFrom("adhoc" as const, "scheduled" as const),
      runClass: fc.constantFrom("frequent" as const, "infrequent" as const),
      startedAt: instantArbitrary,
      endedAt: instantArbitrary,
      credits: creditTextArbitrary,
      interval: fc.option(intervalArbitrary, { nil: undefined }),
    })
    .map(({ interval, ...data }) => ({ type: "CreditsConsumed" as const, data: interval === undefined ? data : { ...data, interval } })),
  NotificationSet: notificationEventOf("NotificationSet", { filters: fc.array(notificationFilter, { maxLength: 3 }) }, {}),
  NotificationUpdated: notificationEventOf(
    "NotificationUpdated",
    {},
    { newRecipient: name, status: fc.constantFrom("active", "inactive") },
  ),
  NotificationDeleted: notificationEventOf("NotificationDeleted", {}, {}),
  DeliveryAttemptStarted: deliveryEventOf("DeliveryAttemptStarted", { attempt }),
  DeliveryAttemptFailed: deliveryEventOf("DeliveryAttemptFailed", { attempt, error: name }, { statusCode }),
  NotificationDelivered: deliveryEventOf("NotificationDelivered", { attempt }, { statusCode }),
  DeliveryGivenUp: deliveryEventOf("DeliveryGivenUp", { attempts: attempt }),
  BranchPushHandled: eventOf("BranchPushHandled", { organization, repositoryUrl: name, branch: name }),
  ScheduledTickClaimed: eventOf("ScheduledTickClaimed", { ...inDeployment, schedule: name, tickId: name }),
  ScheduledTicksMissed: eventOf("ScheduledTicksMissed", {
    ...inDeployment,
    schedule: name,
    interval: name,
    count: fc.integer({ min: 1, max: 100_000 }),
    firstTickId: name,
    lastTickId: name,
  }),
};

/** Any codec-valid domain event, every type equally likely. */
export const domainEventArbitrary: fc.Arbitrary<DomainEvent> = fc.oneof(
  ...(Object.values(eventArbitraries) as fc.Arbitrary<DomainEvent>[]),
);
