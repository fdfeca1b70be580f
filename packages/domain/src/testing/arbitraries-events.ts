import fc from "fast-check";
import type { DomainEvent, DomainEventType } from "../events.js";
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
const schedule = fc.record({ name, interval: intervalArbitrary });
const schedules = fc.array(schedule, { maxLength: 4 });

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
