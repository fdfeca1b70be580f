import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { auditStore, createControlPlane, parseStreamName, type ControlPlaneCommand, type EventStore } from "@cloud-ledger/domain";
import {
  auditTrailOf,
  deploymentsOf,
  executionHistoryOf,
  membershipsOf,
  organizationView,
  projectsOf,
  readModelsAsOf,
  resolveInternalId,
  scheduleList,
} from "@cloud-ledger/projections";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  resolveScenarioStep,
  roleArbitrary,
  scenarioStepArbitrary,
  type ScenarioDispatch,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 8, tenant isolation: random actors (members of either organization in any role, outsiders, the platform) send
 * random commands, some aimed across organizations. No command by a non-member or a role without the right changes
 * anything; no accepted command writes to another organization's entities; and no read-model query for one
 * organization returns another's data.
 */

const universe = defaultScenarioUniverse;
const organizations = universe.organizations.map((o) => o.billingAccountNumber);
const users = universe.users.map((u) => u.githubUserId);

// The matrix, written out independently of the domain's permission table.
const OWNER_ONLY = new Set([
  "AddMember",
  "ChangeMemberRole",
  "RemoveMember",
  "InstallGitHubApp",
  "GrantRepository",
  "RevokeRepository",
  "UninstallGitHubApp",
  "RegenerateOrganizationId",
  "CreateProject",
  "RegenerateProjectId",
]);
// Runner reports (StartExecution, FinishExecution) are a maintainer's too: recorded as theirs, never a reader's.
const MAINTAINER = new Set([
  "CreateDeployment",
  "UpdateDeployment",
  "DeleteDeployment",
  "EnableSchedule",
  "DisableSchedule",
  "RunSchedule",
  "StopExecution",
  "StartExecution",
  "FinishExecution",
  "SetSecret",
  "DeleteSecret",
]);

type Members = Map<string, Map<string, string>>;

function initialMembers(): Members {
  return new Map(
    universe.organizations.map((o) => [
      o.billingAccountNumber,
      new Map([
        [o.owner, "owner"],
        [o.maintainer, "maintainer"],
        [o.reader, "reader"],
      ]),
    ]),
  );
}

/** Why the command must be refused whatever the state, or undefined when it may go either way. */
function mustRefuse(
  actor: string,
  command: ControlPlaneCommand,
  members: Members,
  projectOrg: ReadonlyMap<string, string>,
): string | undefined {
  if (!("organization" in command)) return undefined;
  if ("projectKey" in command) {
    const owner = projectOrg.get(command.projectKey);
    if (owner !== undefined && owner !== command.organization) return "another organization's project";
  }
  if (!actor.startsWith("github:")) return undefined;
  const role = members.get(command.organization)?.get(actor.slice("github:".length));
  if (role === undefined) return "not a member";
  if (role === "owner") return OWNER_ONLY.has(command.type) || MAINTAINER.has(command.type) ? undefined : "platform-only command";
  if (role === "maintainer") return MAINTAINER.has(command.type) ? undefined : "needs the owner role";
  return "readers only read";
}

const actor = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...users).map((u) => `github:${u}`) },
  { weight: 1, arbitrary: fc.constantFrom("system:scheduler", "system:runner", "system:github-webhooks") },
);
const staticWorld = {
  executions: [],
  deployments: universe.initialDeployments.map((d) => ({ projectKey: d.projectKey, deployment: d.name, schedules: universe.schedules })),
};
const scenarioCommand = scenarioStepArbitrary(universe)
  .filter((s) => s.kind !== "push")
  .map((s) => resolveScenarioStep(s, universe, staticWorld).command);
const membershipCommand = fc
  .record({
    type: fc.constantFrom("AddMember" as const, "ChangeMemberRole" as const, "RemoveMember" as const),
    organization: fc.constantFrom(...organizations),
    githubUserId: fc.constantFrom(...users),
    role: roleArbitrary,
  })
  .map(({ type, role, ...rest }): ControlPlaneCommand => (type === "RemoveMember" ? { type, ...rest } : { type, role, ...rest }));
/** The same command pointed at the other organization (its project key, if any, left as it was). */
const crossTenant = scenarioCommand.map((c): ControlPlaneCommand =>
  "organization" in c ? { ...c, organization: organizations.find((o) => o !== c.organization) ?? c.organization } : c,
);
/** A command and who sends it: anyone at all, or (as often) an owner or maintainer of the organization it names. */
const step = fc
  .oneof({ weight: 5, arbitrary: scenarioCommand }, { weight: 3, arbitrary: membershipCommand }, { weight: 2, arbitrary: crossTenant })
  .chain((command) => {
    const named = universe.organizations.find((o) => "organization" in command && o.billingAccountNumber === command.organization);
    const insiders = named === undefined ? [] : [`github:${named.owner}`, `github:${named.maintainer}`];
    return (insiders.length === 0 ? actor : fc.oneof(actor, fc.constantFrom(...insiders))).map((a) => ({ actor: a, command }));
  });

async function freshWorld(): Promise<{
  store: EventStore;
  send: (d: ScenarioDispatch) => ReturnType<ReturnType<typeof createControlPlane>["dispatch"]>;
}> {
  const store = createMemoryEventStore();
  const plane = createControlPlane({
    store,
    clock: createCountingClock(),
    ids: createCountingIds(5),
    git: createScenarioGit(universe).git,
  });
  await bootstrapScenario(plane, universe);
  let n = 0;
  return { store, send: (d) => plane.dispatch({ ...d, commandId: `tenant-${++n}` }) };
}

describe("tenant isolation", () => {
  it("no command by a non-member or a role without the right changes anything; accepted ones stay in their organization", async () => {
    let refusedByRule = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: "medium" }), async (steps) => {
        const { store, send } = await freshWorld();
        const members = initialMembers();
        const projectOrg = new Map(universe.projects.map((p) => [p.projectKey, p.organization]));
        for (const s of steps) {
          const head = await store.headPosition();
          const reason = mustRefuse(s.actor, s.command, members, projectOrg);
          const result = await send(s);
          const context = `${reason ?? "allowed"}: ${JSON.stringify(s)} -> ${JSON.stringify(result)}`;
          if (result._tag === "Right") accepted += 1;
          if (result._tag === "Left") expect(await store.headPosition(), context).toBe(head);
          if (reason !== undefined) {
            refusedByRule += 1;
            expect(result._tag, context).toBe("Left");
            continue;
          }
          if (result._tag === "Left" || !("organization" in s.command)) continue;
          const organization = s.command.organization;
          for (const event of result.right.events) {
            const data = event.data as { organization?: string; projectKey?: string; githubUserId?: string; role?: string };
            expect(data.organization, `${event.type} left its organization: ${context}`).toBe(organization);
            const stream = parseStreamName(event.streamName);
            if (stream?.kind === "organization") expect(stream.organization, context).toBe(organization);
            if (stream?.kind === "project" || stream?.kind === "deployment")
              expect(projectOrg.get(stream.projectKey) ?? organization, context).toBe(organization);
            if (event.type === "ProjectCreated" && data.projectKey !== undefined) projectOrg.set(data.projectKey, organization);
            if (
              (event.type === "MemberAdded" || event.type === "MemberRoleChanged") &&
              data.githubUserId !== undefined &&
              data.role !== undefined
            ) {
              members.get(organization)?.set(data.githubUserId, data.role);
            }
            if (event.type === "MemberRemoved" && data.githubUserId !== undefined) members.get(organization)?.delete(data.githubUserId);
          }
        }
        // The audit's authorization replay agrees with dispatch: everything the control plane accepted passes it.
        expect(await auditStore(store)).toMatchObject({ ok: true });
      }),
      { numRuns: 150 },
    );
    // Not vacuous: plenty refused by the rules, plenty accepted (memberships and roles do change along the way).
    expect(refusedByRule).toBeGreaterThan(500);
    expect(accepted).toBeGreaterThan(150);
  }, 120_000);

  it("no read-model query for one organization returns another's data", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40, size: "medium" }), async (steps) => {
        const { store, send } = await freshWorld();
        for (const s of steps) await send(s);
        const models = await readModelsAsOf(store);
        const events = await store.readAll();
        const projectOrg = new Map<string, string>();
        const internalIds = new Map<string, string>();
        for (const e of events) {
          const data = e.data as { organization?: string; projectKey?: string; internalId?: string };
          if (e.type === "ProjectCreated" && data.projectKey !== undefined && data.organization !== undefined)
            projectOrg.set(data.projectKey, data.organization);
          if (data.internalId !== undefined && data.organization !== undefined) internalIds.set(data.internalId, data.organization);
        }
        for (const organization of organizations) {
          const mine = (pk: string | null) => pk === null || projectOrg.get(pk) === organization;
          expect(projectsOf(models.projectCatalog, organization).every((p) => mine(p.projectKey))).toBe(true);
          for (const projectKey of projectOrg.keys()) {
            if (mine(projectKey)) continue;
            expect(deploymentsOf(models.deploymentBoard, organization, projectKey)).toEqual([]);
            expect(executionHistoryOf(models.executionHistory, organization, projectKey).rows).toEqual([]);
            expect(scheduleList(models.scheduleMatrix, organization, projectKey, { from: "2023-07-01T00:00:00.000Z" })).toEqual([]);
          }
          for (const entry of auditTrailOf(models.auditTrail, organization)) {
            expect(mine(entry.projectKey), JSON.stringify(entry)).toBe(true);
            if (entry.entity.kind === "organization") expect(entry.entity.key).toBe(organization);
          }
          for (const [internalId, owner] of internalIds) {
            if (owner !== organization) expect(resolveInternalId(models.internalIdIndex, organization, internalId)).toBeUndefined();
          }
          const view = organizationView(models.organizationDirectory, organization);
          for (const member of view?.members ?? []) {
            expect(
              membershipsOf(models.organizationDirectory, member.githubUserId).some((m) => m.billingAccountNumber === organization),
            ).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
