import {
  deploymentStream,
  executionStream,
  organizationNameStream,
  organizationStream,
  projectStream,
  userStream,
  type DomainEvent,
  type NewEvent,
} from "@cloud-ledger/domain";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { newChainHead, sealEvents, type ChainHead } from "./chain.js";
import { createRng, type Rng } from "./rng.js";
import { buildWorld, type DeploymentModel, type OrganizationModel, type World } from "./world.js";

/** One append: events for one stream, with the version the stream had before them. */
export interface LogBatch {
  readonly streamName: string;
  readonly expectedVersion: number;
  readonly events: readonly NewEvent[];
}

const START = Date.parse("2023-08-01T00:00:00.000Z");

/**
 * An endless, seeded, realistic control-plane log: first the estate is set up (sign-ups, organizations, members,
 * GitHub App grants, projects, deployments), then steady traffic — mostly executions (each one's lifecycle,
 * requested → started → finished or stopped, appended as one batch so big logs can be written quickly), with
 * schedule toggles, redeploys, secret changes and membership changes mixed in. Every event is encoded with the
 * domain's serde and sealed into its stream's hash chain, so `audit verify` and every read model accept the log.
 */
export function* generateLog(seed: number): Generator<LogBatch, never, undefined> {
  const rng = createRng(seed);
  const ids = createSeededIdGenerator(seed);
  const world = buildWorld(rng, () => ids.ulid());
  const heads = new Map<string, ChainHead>();
  let now = START;

  const emit = (streamName: string, actor: string | readonly string[], events: readonly DomainEvent[], keepHead = true): LogBatch => {
    const head = heads.get(streamName) ?? newChainHead();
    const expectedVersion = head.version;
    const commandId = ids.ulid();
    now += 500 + rng.int(4_000);
    const occurredAt = new Date(now).toISOString();
    const sealed = sealEvents(streamName, head, events, (i) => ({
      eventId: i === 0 ? commandId : ids.ulid(),
      commandId,
      actor: typeof actor === "string" ? actor : (actor[i] ?? actor[0]!),
      occurredAt,
    }));
    // Finished executions are never written again: forgetting their heads keeps memory flat over millions of events.
    if (keepHead) heads.set(streamName, head);
    else heads.delete(streamName);
    return { streamName, expectedVersion, events: sealed };
  };

  for (const batch of setUp(world, emit)) yield batch;
  for (;;) yield traffic(world, rng, emit, () => ids.executionId());
}

/** `actor` is every event's, or each event's in order (an execution's lifecycle: requested by one, run by the runner). */
type Emit = (streamName: string, actor: string | readonly string[], events: readonly DomainEvent[], keepHead?: boolean) => LogBatch;

const actorOf = (githubUserId: string): string => `github:${githubUserId}`;

function* setUp(world: World, emit: Emit): Generator<LogBatch> {
  for (const user of world.users) {
    yield emit(userStream(user.githubUserId), actorOf(user.githubUserId), [
      { type: "UserSignedUp", data: { githubUserId: user.githubUserId, login: user.login } },
    ]);
  }
  for (const org of world.organizations) {
    const owner = actorOf(org.owner.githubUserId);
    const organization = org.organization;
    yield emit(organizationNameStream(org.name), owner, [{ type: "OrganizationNameClaimed", data: { name: org.name, organization } }]);
    yield emit(organizationStream(organization), owner, [
      { type: "OrganizationCreated", data: { organization, name: org.name, internalId: organization, owner: org.owner.githubUserId } },
      // As CreateOrganization records it: the owner's membership is an event of its own, which the deciders fold.
      { type: "MemberAdded", data: { organization, githubUserId: org.owner.githubUserId, role: "owner" } },
      ...org.members.map((m): DomainEvent => ({
        type: "MemberAdded",
        data: { organization, githubUserId: m.user.githubUserId, role: m.role },
      })),
      {
        type: "GitHubAppInstalled",
        data: { organization, installationId: org.installationId, account: org.name, accountType: "organization" },
      },
      ...org.projects.map((p): DomainEvent => ({
        type: "RepositoryGranted",
        data: { organization, installationId: org.installationId, repositoryUrl: p.repositoryUrl },
      })),
    ]);
    for (const project of org.projects) {
      const slug = project.name.toLowerCase().replaceAll(" ", "-");
      const common = {
        organization,
        projectKey: project.projectKey,
        name: project.name,
        repositoryUrl: project.repositoryUrl,
        rootPath: ".",
      };
      yield emit(organizationStream(organization), owner, [{ type: "ProjectRegistered", data: { ...common, nameSlug: slug } }]);
      yield emit(projectStream(project.projectKey), owner, [{ type: "ProjectCreated", data: { ...common, internalId: organization } }]);
    }
  }
  for (const d of world.deployments) {
    const actor = maintainerOf(d.project.organization);
    const ref = { organization: d.project.organization.organization, projectKey: d.project.projectKey, deployment: d.deployment };
    yield emit(deploymentStream(d.project.projectKey, d.deployment), actor, [
      {
        type: "DeploymentCreated",
        data: {
          ...ref,
          environment: d.environment,
          gitRev: d.gitRev,
          commit: d.commit,
          manifestDigest: digest(d.commit),
          schedules: d.schedules,
        },
      },
    ]);
    yield emit(projectStream(d.project.projectKey), actor, [
      { type: "ProjectDeploymentAdded", data: { ...ref, environment: d.environment, gitRev: d.gitRev } },
    ]);
  }
}

/** Someone allowed to run and stop executions and redeploy: the owner (members' roles change as the log goes on). */
const maintainerOf = (org: OrganizationModel): string => actorOf(org.owner.githubUserId);
const digest = (commit: string): string => `${commit}${commit}`.slice(0, 64);

function traffic(world: World, rng: Rng, emit: Emit, executionId: () => string): LogBatch {
  const d = rng.pick(world.deployments);
  const org = d.project.organization;
  const ref = { organization: org.organization, projectKey: d.project.projectKey, deployment: d.deployment };
  const roll = rng.next();
  if (roll < 0.8) return execution(d, rng, emit, executionId());
  if (roll < 0.92) {
    const schedule = rng.pick(d.schedules).name;
    const enabled = d.enabled.get(schedule) === true;
    d.enabled.set(schedule, !enabled);
    const type = enabled ? "ScheduleDisabled" : "ScheduleEnabled";
    return emit(deploymentStream(ref.projectKey, ref.deployment), maintainerOf(org), [{ type, data: { ...ref, schedule } }]);
  }
  if (roll < 0.97) {
    const previousCommit = d.commit;
    d.commit = rng.hex(40);
    return emit(deploymentStream(ref.projectKey, ref.deployment), d.pinned ? maintainerOf(org) : "system:github-webhook", [
      {
        type: "DeploymentRedeployed",
        data: {
          ...ref,
          previousCommit,
          commit: d.commit,
          manifestDigest: digest(d.commit),
          trigger: d.pinned ? "update" : "branch-updated",
          forced: d.pinned,
          preservedGitHash: false,
          schedulesAdded: [],
          schedulesRemoved: [],
          schedulesKept: d.schedules.map((s) => ({ ...s, enabled: d.enabled.get(s.name) === true })),
        },
      },
    ]);
  }
  if (roll < 0.99) {
    const name = `TAP_SECRET_${rng.int(12)}`;
    const type = d.project.secrets.has(name) && rng.next() < 0.3 ? "SecretDeleted" : "SecretSet";
    if (type === "SecretSet") d.project.secrets.add(name);
    else d.project.secrets.delete(name);
    return emit(projectStream(ref.projectKey), maintainerOf(org), [
      { type, data: { organization: org.organization, projectKey: ref.projectKey, name } },
    ]);
  }
  const member = rng.pick(org.members);
  const previousRole = member.role;
  member.role = previousRole === "maintainer" ? "reader" : "maintainer";
  return emit(organizationStream(org.organization), actorOf(org.owner.githubUserId), [
    {
      type: "MemberRoleChanged",
      data: { organization: org.organization, githubUserId: member.user.githubUserId, previousRole, role: member.role },
    },
  ]);
}

function execution(d: DeploymentModel, rng: Rng, emit: Emit, id: string): LogBatch {
  const schedule = rng.pick(d.schedules).name;
  const scheduled = d.enabled.get(schedule) === true;
  const ref = { organization: d.project.organization.organization, projectKey: d.project.projectKey, executionId: id };
  const requested: DomainEvent = {
    type: "ExecutionRequested",
    data: {
      ...ref,
      deployment: d.deployment,
      schedule,
      environment: d.environment,
      commit: d.commit,
      trigger: scheduled ? "scheduled" : "adhoc",
      ...(scheduled ? { tickId: `tick-${id.slice(0, 12)}` } : {}),
    },
  };
  const end: DomainEvent =
    rng.next() < 0.05
      ? { type: "ExecutionStopped", data: { ...ref, reason: "User requested stop" } }
      : { type: "ExecutionFinished", data: { ...ref, exitCode: rng.next() < 0.9 ? 0 : 1 } };
  const requester = scheduled ? "system:scheduler" : maintainerOf(d.project.organization);
  // The runner starts and finishes a run; a stop is a member's (the run is not held by a runner, so it ends at once).
  const ender = end.type === "ExecutionStopped" ? maintainerOf(d.project.organization) : "system:runner";
  return emit(executionStream(id), [requester, "system:runner", ender], [requested, { type: "ExecutionStarted", data: ref }, end], false);
}
