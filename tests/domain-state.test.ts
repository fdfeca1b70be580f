import { describe, expect, it } from "vitest";
import { auditStore, canonicalJson, nobleSha256Hex, stateStream, verifyStore } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import { ALICE, BOB, CAROL, MALLORY, REPO, acmeOrganization, acmeProject, createHarness, type Harness } from "./domain-harness.js";

const ID = "prod:tap-github-to-target-jsonl";
const content = { completed: { singer_state: { bookmarks: { issues: { since: "2023-09-01" } } } } };

async function world(h: Harness) {
  const organization = await acmeOrganization(h);
  const projectKey = await acmeProject(h, organization);
  await h.ok(BOB, { type: "SignUpUser", githubUserId: "1002", login: "bob" });
  await h.ok(CAROL, { type: "SignUpUser", githubUserId: "1003", login: "carol" });
  await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1002", role: "maintainer" });
  await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1003", role: "reader" });
  return { organization, projectKey };
}

describe("state bookmarks through the control plane (rules 51-53)", () => {
  it("members write state, readers and strangers may not; each change records actor, content and the previous digest", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const set = { type: "SetState" as const, organization, projectKey, stateId: ID, content };
    expect(await h.fail(CAROL, set)).toMatchObject({ code: "insufficient-role", role: "reader", requiredRole: "maintainer" });
    expect((await h.fail(MALLORY, set)).code).toBe("not-a-member");

    const first = await h.ok(BOB, set);
    const digest = nobleSha256Hex(canonicalJson(content));
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({
      streamName: stateStream(projectKey, ID),
      type: "StateSet",
      metadata: { actor: BOB },
      data: { organization, projectKey, stateId: ID, content, digest },
    });
    expect(first.events[0]!.data).not.toHaveProperty("previousDigest");

    // Rule 52: a bare singer_state is stored under 'completed'; it replaces the whole state.
    const bare = await h.ok(ALICE, { ...set, content: { singer_state: { bookmarks: {} } } });
    expect(bare.events[0]).toMatchObject({
      metadata: { actor: ALICE },
      data: { content: { completed: { singer_state: { bookmarks: {} } } }, previousDigest: digest },
    });
    // The same content again records nothing.
    expect((await h.ok(ALICE, { ...set, content: { completed: { singer_state: { bookmarks: {} } } } })).events).toEqual([]);

    const deleted = await h.ok(BOB, { type: "DeleteState", organization, projectKey, stateId: ID });
    expect(deleted.events[0]).toMatchObject({ type: "StateDeleted", metadata: { actor: BOB }, data: { stateId: ID } });
    expect(await h.fail(CAROL, { type: "DeleteState", organization, projectKey, stateId: ID })).toMatchObject({
      code: "insufficient-role",
    });
    expect(await h.fail(BOB, { type: "DeleteState", organization, projectKey, stateId: ID })).toMatchObject({
      code: "state-not-found",
      message: `No state found for ${ID}`,
    });

    // The audit replays authorization and the decider over the state stream: the ledger proves itself.
    expect((await verifyStore(h.store)).ok).toBe(true);
    expect(await auditStore(h.store)).toMatchObject({ ok: true });
  });

  it("rule 53: state belongs to the project, not to a deployment, and needs the project to exist", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    h.git.commit(REPO, "main", manifestOf({ environments: ["prod"], schedules: [{ name: "daily" }] }));
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod-2", environment: "prod", gitRev: "main" });
    const written = await h.ok(BOB, { type: "SetState", organization, projectKey, stateId: ID, content });
    // One stream per (project, state id): both deployments of 'prod' read and write the same bookmark.
    expect(written.streams.map((s) => s.streamName)).toEqual([stateStream(projectKey, ID)]);
    const missing = await h.fail(BOB, { type: "SetState", organization, projectKey: "f".repeat(32), stateId: ID, content });
    expect(missing.code).toBe("project-not-found");
  });

  it("bad input is a typed error naming the field, and nothing is written", async () => {
    const h = createHarness();
    const { organization, projectKey } = await world(h);
    const bad = await h.fail(BOB, { type: "SetState", organization, projectKey, stateId: ID, content: { complete: { singer_state: {} } } });
    expect(bad).toMatchObject({ code: "invalid-command", field: "content" });
    expect(bad.message).toContain("may only hold 'completed' and 'partial'");
    const badId = await h.fail(BOB, { type: "SetState", organization, projectKey, stateId: "prod:tap-github", content });
    expect(badId).toMatchObject({ code: "invalid-command", field: "stateId" });
  });
});
