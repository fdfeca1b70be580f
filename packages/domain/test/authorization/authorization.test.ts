import { describe, expect, it } from "vitest";
import {
  COMMAND_POLICIES,
  ROLE_PERMISSIONS,
  authorizeInOrganization,
  authorizeSelf,
  controlPlaneCommandTypes,
  organizationDecider,
  parseActor,
  requiredRoleFor,
  type Actor,
  type OrganizationEvent,
  type Role,
} from "@cloud-ledger/domain";
import { ORG, ORG_ID } from "../support/fixtures.js";

const history: OrganizationEvent[] = [
  { type: "OrganizationCreated", data: { organization: ORG, name: "acme", internalId: ORG_ID, owner: "1" } },
  { type: "MemberAdded", data: { organization: ORG, githubUserId: "1", role: "owner" } },
  { type: "MemberAdded", data: { organization: ORG, githubUserId: "2", role: "maintainer" } },
  { type: "MemberAdded", data: { organization: ORG, githubUserId: "3", role: "reader" } },
];
const org = history.reduce(organizationDecider.evolve, organizationDecider.initialState());
const user = (githubUserId: string): Actor => ({ kind: "user", githubUserId });
const byRole: Record<Role, Actor> = { owner: user("1"), maintainer: user("2"), reader: user("3") };

describe("authorization: the permission matrix", () => {
  it("owner: members, projects, billing; maintainer: deployments, schedules, runs, secrets, notifications, state; reader: reads", () => {
    expect([...ROLE_PERMISSIONS.reader]).toEqual(["read"]);
    expect([...ROLE_PERMISSIONS.maintainer].sort()).toEqual([
      "manage-deployments",
      "manage-notifications",
      "manage-schedules",
      "manage-secrets",
      "manage-state",
      "read",
      "report-executions",
      "run-executions",
    ]);
    for (const permission of ROLE_PERMISSIONS.maintainer) expect(ROLE_PERMISSIONS.owner.has(permission)).toBe(true);
    for (const permission of ["manage-members", "manage-projects", "manage-billing"] as const) {
      expect(requiredRoleFor(permission)).toBe("owner");
    }
  });

  it.each(controlPlaneCommandTypes.filter((type) => COMMAND_POLICIES[type].member !== undefined))(
    "%s: allowed exactly for roles holding its permission, refused with the needed role otherwise",
    (type) => {
      const permission = COMMAND_POLICIES[type].member!;
      for (const role of ["owner", "maintainer", "reader"] as const) {
        const result = authorizeInOrganization(type, byRole[role], ORG, org);
        if (ROLE_PERMISSIONS[role].has(permission)) expect(result._tag).toBe("Right");
        else
          expect(result._tag === "Left" && result.left).toMatchObject({
            code: "insufficient-role",
            role,
            requiredRole: requiredRoleFor(permission),
          });
      }
    },
  );

  it("runner reports: the platform or a maintainer may report an execution's start and finish, a reader may not", () => {
    for (const type of ["StartExecution", "FinishExecution"] as const) {
      expect(authorizeInOrganization(type, { kind: "system", name: "runner" }, ORG, org)._tag).toBe("Right");
      expect(authorizeInOrganization(type, byRole.maintainer, ORG, org)._tag).toBe("Right");
      const reader = authorizeInOrganization(type, byRole.reader, ORG, org);
      expect(reader._tag === "Left" && reader.left).toMatchObject({
        code: "insufficient-role",
        role: "reader",
        requiredRole: "maintainer",
      });
    }
  });

  it("a platform command that names its actors refuses the platform's other actors", () => {
    const asScheduler = authorizeInOrganization("StartExecution", { kind: "system", name: "scheduler" }, ORG, org);
    expect(asScheduler._tag === "Left" && asScheduler.left).toMatchObject({ code: "forbidden" });
    const asRunner = authorizeInOrganization("RequestScheduledExecution", { kind: "system", name: "runner" }, ORG, org);
    expect(asRunner._tag === "Left" && asRunner.left).toMatchObject({ code: "forbidden" });
    expect(authorizeInOrganization("RequestScheduledExecution", { kind: "system", name: "scheduler" }, ORG, org)._tag).toBe("Right");
  });

  it("non-members are refused with not-a-member, also for an organization that does not exist", () => {
    const outsider = authorizeInOrganization("EnableSchedule", user("99"), ORG, org);
    expect(outsider._tag === "Left" && outsider.left.code).toBe("not-a-member");
    const nowhere = authorizeInOrganization("EnableSchedule", user("1"), ORG, { status: "absent" });
    expect(nowhere._tag === "Left" && nowhere.left.code).toBe("not-a-member");
  });

  it("platform-only commands refuse people; member-only commands refuse the platform", () => {
    for (const type of controlPlaneCommandTypes) {
      const policy = COMMAND_POLICIES[type];
      if (policy.self) continue;
      const system: Actor = { kind: "system", name: policy.systemNames?.[0] ?? "scheduler" };
      const asSystem = authorizeInOrganization(type, system, ORG, org);
      expect(asSystem._tag === "Right").toBe(policy.system);
      const asOwner = authorizeInOrganization(type, byRole.owner, ORG, org);
      expect(asOwner._tag === "Right").toBe(policy.member !== undefined);
    }
  });

  it("identity commands: only the person themself or the platform", () => {
    expect(authorizeSelf("ChangeUserLogin", user("1"), "1")._tag).toBe("Right");
    expect(authorizeSelf("ChangeUserLogin", { kind: "system", name: "github" }, "1")._tag).toBe("Right");
    const other = authorizeSelf("ChangeUserLogin", user("2"), "1");
    expect(other._tag === "Left" && other.left.code).toBe("forbidden");
  });

  it.each([
    ["github:583231", { kind: "user", githubUserId: "583231" }],
    ["system:scheduler", { kind: "system", name: "scheduler" }],
  ])("parses the actor %s", (actor, parsed) => {
    expect(parseActor(actor)).toEqual({ _tag: "Right", right: parsed });
  });

  it.each(["", "octocat", "github:", "github:abc", "github:0", "system:", "root:1"])("refuses the actor %j", (actor) => {
    const parsed = parseActor(actor);
    expect(parsed._tag === "Left" && parsed.left.code).toBe("forbidden");
  });
});
