import { describe, expect, it } from "vitest";
import { createControlPlane } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import {
  ALICE,
  BOB,
  CAROL,
  MALLORY,
  REPO,
  RUNNER,
  SCHEDULER,
  acmeOrganization,
  acmeProject,
  createHarness,
  type Harness,
} from "./domain-harness.js";

const manifest = manifestOf({ environments: ["prod"], schedules: [{ name: "daily-transforms" }] });

async function world(h: Harness) {
  const organization = await acmeOrganization(h);
  const projectKey = await acmeProject(h, organization);
  h.git.commit(REPO, "main", manifest);
  await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
  await h.ok(BOB, { type: "SignUpUser", githubUserId: "1002", login: "bob" });
  await h.ok(CAROL, { type: "SignUpUser", githubUserId: "1003", login: "carol" });
  await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1002", role: "maintainer" });
  await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1003", role: "reader" });
  return { organization, projectKey };
}

describe("authorization through the control plane", () => {
  it("maintainers run deployments and schedules; readers only read; owners manage members and projects", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const enable = { type: "EnableSchedule" as const, organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    expect(await h.fail(CAROL, enable)).toMatchObject({ code: "insufficient-role", role: "reader", requiredRole: "maintainer" });
    await h.ok(BOB, enable);
    expect(await h.fail(BOB, { type: "AddMember", organization, githubUserId: "1003", role: "owner" })).toMatchObject({
      code: "insufficient-role",
      requiredRole: "owner",
    });
    expect(await h.fail(BOB, { type: "CreateProject", organization, name: "Other", repositoryUrl: REPO, rootPath: "other" })).toMatchObject(
      {
        code: "insufficient-role",
      },
    );
    expect((await h.fail(MALLORY, enable)).code).toBe("not-a-member");
    expect((await h.fail(ALICE, { type: "AddMember", organization, githubUserId: "4242", role: "reader" })).code).toBe("user-not-found");
  });

  it("the platform may only issue platform commands, and people may not impersonate it", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    expect(
      (await h.fail(SCHEDULER, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" }))
        .code,
    ).toBe("forbidden");
    const tick = { organization, projectKey, deployment: "prod", schedule: "daily-transforms", tickId: "2023-06-01T06:00:00.000Z" };
    expect((await h.fail(ALICE, { type: "RequestScheduledExecution", ...tick })).code).toBe("forbidden");
    // Runner reports are the platform's or a maintainer's (recorded as theirs), never a reader's.
    expect((await h.fail(CAROL, { type: "StartExecution", organization, projectKey, executionId: "0".repeat(32) })).code).toBe(
      "insufficient-role",
    );
    expect((await h.fail("root", { type: "SignUpUser", githubUserId: "1", login: "x" })).code).toBe("forbidden");
    expect((await h.fail(BOB, { type: "ChangeUserLogin", githubUserId: "1001", login: "evil" })).code).toBe("forbidden");
  });

  it("no command touches another organization's entities", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    await h.ok(MALLORY, { type: "SignUpUser", githubUserId: "6666", login: "mallory" });
    const evil = await h.ok(MALLORY, { type: "CreateOrganization", name: "evil" });
    const evilOrg = (evil.events[0]?.data as { organization: string }).organization;
    const run = await h.ok(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const executionId = (run.events[0]?.data as { executionId: string }).executionId;

    for (const command of [
      { type: "EnableSchedule" as const, organization: evilOrg, projectKey, deployment: "prod", schedule: "daily-transforms" },
      { type: "RunSchedule" as const, organization: evilOrg, projectKey, deployment: "prod", schedule: "daily-transforms" },
      { type: "DeleteDeployment" as const, organization: evilOrg, projectKey, name: "prod" },
      { type: "SetSecret" as const, organization: evilOrg, projectKey, name: "TOKEN", value: "x" },
      { type: "RegenerateProjectId" as const, organization: evilOrg, projectKey },
    ]) {
      expect((await h.fail(MALLORY, command)).code).toBe("project-not-found");
    }
    expect((await h.fail(MALLORY, { type: "StopExecution", organization: evilOrg, projectKey, executionId })).code).toBe(
      "execution-not-found",
    );
    expect((await h.fail(MALLORY, { type: "StopExecution", organization, projectKey, executionId })).code).toBe("not-a-member");
  });

  it("the last owner cannot leave; organization names are globally unique", async () => {
    const h = createHarness();
    const { organization } = await world(h);
    expect((await h.fail(ALICE, { type: "RemoveMember", organization, githubUserId: "1001" })).code).toBe("last-owner");
    expect((await h.fail(BOB, { type: "CreateOrganization", name: "acme" })).code).toBe("organization-name-taken");
    expect((await h.fail(BOB, { type: "CreateOrganization", name: "Acme Corp" })).code).toBe("organization-name-invalid");
    expect((await h.fail(SCHEDULER, { type: "CreateOrganization", name: "other" })).code).toBe("invalid-command");
    expect((await h.fail(BOB, { type: "CreateOrganization", name: "other", owner: "1001" })).code).toBe("forbidden");
    const staff = await h.ok(SCHEDULER, { type: "CreateOrganization", name: "other", owner: "1002" });
    expect(staff.events.map((e) => e.type)).toEqual(["OrganizationNameClaimed", "OrganizationCreated", "MemberAdded"]);
  });
});

describe("projects through the control plane (rules 8-10)", () => {
  it("refuses a duplicate slug, an ungranted repository and a second project on the same repository and root", async () => {
    const h = createHarness();
    const { organization } = await world(h);
    const error = await h.fail(ALICE, {
      type: "CreateProject",
      organization,
      name: "acme data-project",
      repositoryUrl: REPO,
      rootPath: "sub",
    });
    expect(error.message).toBe("A project named 'acme data-project' (normalized to 'acme-data-project') already exists.");
    expect(
      (await h.fail(ALICE, { type: "CreateProject", organization, name: "Other", repositoryUrl: "https://github.com/acme/private" })).code,
    ).toBe("repository-not-granted");
    expect(
      (await h.fail(ALICE, { type: "CreateProject", organization, name: "Other", repositoryUrl: `${REPO}.git`, rootPath: "./" })).code,
    ).toBe("project-already-exists");
    expect((await h.fail(ALICE, { type: "CreateProject", organization, name: "Other", repositoryUrl: REPO, rootPath: "../x" })).code).toBe(
      "root-path-invalid",
    );
    const sub = await h.ok(ALICE, { type: "CreateProject", organization, name: "Other", repositoryUrl: REPO, rootPath: "./meltano/" });
    expect(sub.events.find((e) => e.type === "ProjectCreated")?.data).toMatchObject({ rootPath: "meltano", repositoryUrl: REPO });
  });
});

describe("secrets (rule 45)", () => {
  it("the value goes to the vault and never into any stored byte", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const value = "sup3r-s3cret-value-4242";
    const set = await h.ok(BOB, { type: "SetSecret", organization, projectKey, name: "TAP_GITHUB_AUTH_TOKEN", value });
    expect(set.events.map((e) => [e.type, e.data])).toEqual([["SecretSet", { organization, projectKey, name: "TAP_GITHUB_AUTH_TOKEN" }]]);
    expect(h.vault.values.get(`${projectKey}/TAP_GITHUB_AUTH_TOKEN`)).toBe(value);
    await h.ok(BOB, { type: "SetSecret", organization, projectKey, name: "TAP_GITHUB_AUTH_TOKEN", value: `${value}-2` });
    expect(JSON.stringify(await h.store.readAll())).not.toContain("s3cret");
    await h.ok(BOB, { type: "DeleteSecret", organization, projectKey, name: "TAP_GITHUB_AUTH_TOKEN" });
    expect(h.vault.values.size).toBe(0);
    expect((await h.fail(BOB, { type: "DeleteSecret", organization, projectKey, name: "TAP_GITHUB_AUTH_TOKEN" })).code).toBe(
      "secret-not-found",
    );
    expect((await h.fail(CAROL, { type: "SetSecret", organization, projectKey, name: "X", value })).code).toBe("insufficient-role");
  });
});

describe("idempotency of whole commands", () => {
  it("a retried multi-stream command returns its first events and writes nothing new", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const create = { type: "CreateProject" as const, organization, name: "Acme", repositoryUrl: REPO };
    const first = await h.ok(ALICE, create, "same-id");
    const head = await h.store.headPosition();
    const again = await h.ok(ALICE, create, "same-id");
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(await h.store.headPosition()).toBe(head);

    const org = await h.ok(ALICE, { type: "CreateOrganization", name: "second" }, "org-id");
    const orgAgain = await h.ok(ALICE, { type: "CreateOrganization", name: "second" }, "org-id");
    expect(orgAgain.duplicate).toBe(true);
    expect(orgAgain.events).toEqual(org.events);
  });

  it("a retried ad-hoc run addresses the same execution", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const run = { type: "RunSchedule" as const, organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    const first = await h.ok(BOB, run, "run-1");
    const again = await h.ok(BOB, run, "run-1");
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    const other = await h.ok(BOB, run, "run-2");
    expect(other.events[0]?.streamName).not.toBe(first.events[0]?.streamName);
    const chosen = await h.ok(BOB, { ...run, executionId: "15e1cbbde6b2424f86c04b237291d652" }, "run-3");
    expect(chosen.events[0]?.streamName).toBe("execution-15e1cbbde6b2424f86c04b237291d652");
    expect((await h.ok(BOB, { ...run, executionId: "15e1cbbde6b2424f86c04b237291d652" }, "run-3")).duplicate).toBe(true);
    const executionId = (first.events[0]?.data as { executionId: string }).executionId;
    await h.ok(BOB, { type: "StopExecution", organization, projectKey, executionId });
    expect((await h.fail(RUNNER, { type: "StopExecution", organization, projectKey, executionId })).message).toBe(
      "Execution is already stopped",
    );
  });

  it("a malformed command or envelope is refused with a typed error and nothing is written", async () => {
    const h = createHarness();
    const error = await h.fail(ALICE, { type: "SignUpUser", githubUserId: "abc", login: "x" } as never);
    expect(error).toMatchObject({ code: "invalid-command", field: "githubUserId" });
    const noId = await h.send(ALICE, { type: "SignUpUser", githubUserId: "1001", login: "alice" }, "");
    expect(noId._tag === "Left" && noId.left.kind === "rejected" && noId.left.error).toMatchObject({
      code: "invalid-command",
      field: "commandId",
    });
    const before = await h.store.headPosition();
    const plane = createControlPlane({
      store: h.store,
      clock: { now: () => "2023-01-01T00:00:00.000Z" },
      ids: { ulid: () => "01H00000000000000000000000", executionId: () => "0".repeat(32) },
      git: h.git,
    });
    const longCorrelation = await plane.dispatch({
      command: { type: "SignUpUser", githubUserId: "1001", login: "alice" },
      commandId: "c",
      actor: ALICE,
      correlationId: "x".repeat(181),
    });
    expect(longCorrelation._tag === "Left" && longCorrelation.left.kind === "rejected" && longCorrelation.left.error).toMatchObject({
      field: "correlationId",
    });
    expect(await h.store.headPosition()).toBe(before);
  });
});
