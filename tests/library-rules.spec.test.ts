import { describe, expect, it } from "vitest";
import { commandCodecs, verifyStore, type EventStore, type RecordedEvent } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import {
  ALICE,
  BOB,
  CAROL,
  MALLORY,
  REPO,
  RUNNER,
  SCHEDULER,
  WEBHOOK,
  acmeOrganization,
  acmeProject,
  createHarness,
  type Harness,
} from "./domain-harness.js";

// The library's own rules (docs/rules.md, L1-L11) and the two rulebook rules settled by the command catalog (28, 37),
// each proved through the control plane on a memory store.

const manifest = manifestOf({ environments: ["prod", "staging"], schedules: [{ name: "daily-transforms" }] });

/** Alice owns acme with one project deployed to prod; Bob is a maintainer and Carol a reader. */
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

const executionIdOf = (events: readonly RecordedEvent[]): string => (events[0]?.data as { executionId: string }).executionId;

describe("the library's own rules", () => {
  it("rule L1: given a regenerated internal id, then no other event or stream name ever mentions an internal id", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const regenerated = await h.ok(ALICE, { type: "RegenerateProjectId", organization, projectKey });
    const { previousInternalId, internalId } = regenerated.events[0]?.data as { previousInternalId: string; internalId: string };
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "staging", environment: "staging", gitRev: "main" });
    await h.ok(BOB, { type: "RunSchedule", organization, projectKey, deployment: "staging", schedule: "daily-transforms" });

    const recordsIds = new Set(["ProjectCreated", "ProjectIdRegenerated", "OrganizationCreated", "OrganizationIdRegenerated"]);
    const others = (await h.store.readAll()).filter((event) => !recordsIds.has(event.type));
    expect(others.length).toBeGreaterThan(5);
    for (const id of [previousInternalId, internalId]) {
      expect(others.filter((event) => JSON.stringify(event).includes(id))).toEqual([]);
    }
  });

  it("rule L2: given a secret set twice, then its value reaches the vault only; events carry the name and nothing derived", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const value = "hunter2-hunter2-hunter2";
    await h.ok(BOB, { type: "SetSecret", organization, projectKey, name: "TOKEN", value });
    await h.ok(BOB, { type: "SetSecret", organization, projectKey, name: "TOKEN", value: `${value}!` });
    expect(h.vault.values.get(`${projectKey}/TOKEN`)).toBe(`${value}!`);
    const secretEvents = (await h.store.readAll()).filter((event) => event.type === "SecretSet");
    expect(secretEvents.map((event) => event.data)).toEqual([
      { organization, projectKey, name: "TOKEN" },
      { organization, projectKey, name: "TOKEN" },
    ]);
    expect(JSON.stringify(await h.store.readAll())).not.toContain("hunter2");
  });

  it("rule L3: given one event's data edited behind the library's back, then verifying names its stream and version", async () => {
    const h = createHarness();
    await world(h);
    const events = await h.store.readAll();
    expect(await verifyStore(h.store)).toMatchObject({ ok: true, events: events.length });
    const target = events.find((event) => event.type === "DeploymentCreated") as RecordedEvent;
    const edited = events.map((event) =>
      event === target ? { ...event, data: { ...(event.data as object), environment: "staging" } } : event,
    );
    const tampered: Pick<EventStore, "readAll"> = {
      readAll: (options) =>
        Promise.resolve(edited.filter((event) => event.globalPosition > (options?.after ?? 0)).slice(0, options?.limit)),
    };
    expect(await verifyStore(tampered)).toMatchObject({
      ok: false,
      fault: { kind: "hash-mismatch", streamName: target.streamName, version: target.version },
    });
  });

  it("rule L4: given a reader, an outsider and another organization, then each is refused and nothing is written", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const enable = { type: "EnableSchedule" as const, organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    expect((await h.fail(CAROL, enable)).code).toBe("insufficient-role");
    await h.ok(MALLORY, { type: "SignUpUser", githubUserId: "6666", login: "mallory" });
    expect((await h.fail(MALLORY, enable)).code).toBe("not-a-member");
    const evil = await h.ok(MALLORY, { type: "CreateOrganization", name: "evil" });
    const evilOrg = (evil.events[0]?.data as { organization: string }).organization;
    // Another organization's project is not found, not forbidden: its existence is not revealed.
    expect((await h.fail(MALLORY, { ...enable, organization: evilOrg })).code).toBe("project-not-found");
    expect((await h.ok(BOB, enable)).events).toHaveLength(1);
  });

  it("rule L5: given a platform actor and a person, then each may issue only its own kind of command", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    expect(
      (await h.fail(SCHEDULER, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" }))
        .code,
    ).toBe("forbidden");
    expect((await h.fail(ALICE, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" })).code).toBe(
      "forbidden",
    );
    const run = await h.ok(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const executionId = executionIdOf(run.events);
    // Run reports come from the named runner or a member allowed to report runs (maintainers), never a reader or another platform actor.
    expect((await h.fail(CAROL, { type: "StartExecution", organization, projectKey, executionId })).code).toBe("insufficient-role");
    expect((await h.fail(SCHEDULER, { type: "StartExecution", organization, projectKey, executionId })).code).toBe("forbidden");
    expect((await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId })).events).toHaveLength(1);
    expect((await h.ok(WEBHOOK, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" })).rejections).toEqual(
      [],
    );
  });

  it("rule L6: given an organization with one owner, then that owner can be neither removed nor demoted", async () => {
    const h = createHarness();
    const { organization } = await world(h);
    expect((await h.fail(ALICE, { type: "RemoveMember", organization, githubUserId: "1001" })).code).toBe("last-owner");
    expect((await h.fail(ALICE, { type: "ChangeMemberRole", organization, githubUserId: "1001", role: "maintainer" })).code).toBe(
      "last-owner",
    );
    await h.ok(ALICE, { type: "ChangeMemberRole", organization, githubUserId: "1002", role: "owner" });
    expect((await h.ok(ALICE, { type: "ChangeMemberRole", organization, githubUserId: "1001", role: "maintainer" })).events).toHaveLength(
      1,
    );
  });

  it("rule L7: given an organization named acme, then no other organization can take that name", async () => {
    const h = createHarness();
    await world(h);
    expect((await h.fail(BOB, { type: "CreateOrganization", name: "acme" })).code).toBe("organization-name-taken");
    expect((await h.ok(BOB, { type: "CreateOrganization", name: "acme2" })).events.map((event) => event.type)).toContain(
      "OrganizationCreated",
    );
  });

  it("rule L8 (port rule 6): given a command retried with its id, then nothing new is written; the same run is addressed", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const run = { type: "RunSchedule" as const, organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    const first = await h.ok(BOB, run, "run-once");
    const head = await h.store.headPosition();
    const retried = await h.ok(BOB, run, "run-once");
    expect(retried).toMatchObject({ duplicate: true, events: first.events });
    expect(await h.store.headPosition()).toBe(head);
    expect(executionIdOf((await h.ok(BOB, run, "run-twice")).events)).not.toBe(executionIdOf(first.events));
  });

  it("rule L9: given a malformed field or text no store can hold, then a typed error names the field and nothing is written", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    expect(await h.fail(BOB, { type: "SetSecret", organization, projectKey, name: "TOKEN", value: "a\u0000b" })).toMatchObject({
      code: "invalid-command",
      field: "value",
    });
    expect(await h.fail(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod\ud800", schedule: "s" })).toMatchObject({
      code: "invalid-command",
      field: "deployment",
    });
    expect(
      await h.fail(BOB, { type: "EnableSchedule", organization, projectKey: 7, deployment: "prod", schedule: "s" } as never),
    ).toMatchObject({
      code: "invalid-command",
      field: "projectKey",
    });
  });

  it("rule L10: given deployments created and deleted, then the project's index lists exactly the live ones", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "staging", environment: "staging", gitRev: "main" });
    await h.ok(ALICE, { type: "DeleteDeployment", organization, projectKey, name: "prod" });
    const index = new Set<string>();
    for (const event of await h.store.readStream(`project-${projectKey}`)) {
      const { deployment } = event.data as { deployment?: string };
      if (event.type === "ProjectDeploymentAdded" && deployment !== undefined) index.add(deployment);
      if (event.type === "ProjectDeploymentRemoved" && deployment !== undefined) index.delete(deployment);
    }
    expect([...index]).toEqual(["staging"]);
  });

  it("rule L11: given a deployment deleted mid-run, then its enabled schedules are listed, the run ends, no new one starts", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    await h.ok(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const executionId = executionIdOf(
      (await h.ok(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" })).events,
    );
    await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
    const deleted = await h.ok(ALICE, { type: "DeleteDeployment", organization, projectKey, name: "prod" });
    expect(deleted.events[0]?.data).toMatchObject({ enabledSchedulesDropped: ["daily-transforms"] });
    expect((await h.ok(RUNNER, { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 })).events).toHaveLength(1);
    expect(
      (await h.fail(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" })).code,
    ).toBe("schedule-not-found");
  });
});

describe("rulebook rules settled by the command catalog", () => {
  it("rule 28: no command creates, edits or deletes a schedule; only enabling, disabling and running name one", () => {
    const naming = Object.keys(commandCodecs).filter((type) => /schedule/i.test(type));
    // ClaimScheduledTick is the scheduler's progress through a schedule's ticks; it changes nothing about the schedule.
    expect(naming.sort()).toEqual(["ClaimScheduledTick", "DisableSchedule", "EnableSchedule", "RequestScheduledExecution", "RunSchedule"]);
  });

  it("rule 37 (as modelled): an ad-hoc run is answered with its execution id, and the execution exists at once as requested", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const run = await h.ok(BOB, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const executionId = executionIdOf(run.events);
    expect(executionId).toMatch(/^[0-9a-f]{32}$/);
    expect((await h.store.readStream(`execution-${executionId}`)).map((event) => event.type)).toEqual(["ExecutionRequested"]);
  });
});
