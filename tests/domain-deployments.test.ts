import { describe, expect, it } from "vitest";
import { manifestOf } from "@cloud-ledger/domain/testing";
import {
  ALICE,
  BOB,
  REPO,
  RUNNER,
  SCHEDULER,
  WEBHOOK,
  acmeOrganization,
  acmeProject,
  createHarness,
  type Harness,
} from "./domain-harness.js";

const v1 = manifestOf({
  environments: ["prod", "staging"],
  schedules: [{ name: "daily-transforms" }, { name: "hourly-sync", interval: "@hourly" }],
});
const v2 = manifestOf({
  environments: ["prod", "staging"],
  schedules: [
    { name: "daily-transforms", interval: "0 3 * * *" },
    { name: "weekly", interval: "@weekly" },
  ],
});

async function deployed(h: Harness) {
  const organization = await acmeOrganization(h);
  const projectKey = await acmeProject(h, organization);
  const first = h.git.commit(REPO, "main", v1);
  await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "Prod", environment: "prod", gitRev: "main" });
  return { organization, projectKey, first };
}

describe("deployments through the control plane", () => {
  it("rule 11: names are slugified, so two spellings address one deployment", async () => {
    const h = createHarness();
    const { organization, projectKey } = await deployed(h);
    const error = await h.fail(ALICE, {
      type: "CreateDeployment",
      organization,
      projectKey,
      name: "  PROD ",
      environment: "prod",
      gitRev: "main",
    });
    expect(error.message).toBe(
      "Deployment 'prod' already exists. Use `meltano cloud deployment update` to update an existing Meltano Cloud deployment.",
    );
    expect(
      (await h.fail(ALICE, { type: "CreateDeployment", organization, projectKey, name: " !! ", environment: "prod", gitRev: "main" })).code,
    ).toBe("deployment-name-required");
  });

  it("rule 13: an unknown revision, a missing environment or no schedules are refused and nothing is written", async () => {
    const h = createHarness();
    const { organization, projectKey } = await deployed(h);
    expect(
      (await h.fail(ALICE, { type: "CreateDeployment", organization, projectKey, name: "x", environment: "prod", gitRev: "nope" })).code,
    ).toBe("git-resolution-failed");
    expect(
      (await h.fail(ALICE, { type: "CreateDeployment", organization, projectKey, name: "x", environment: "dev", gitRev: "main" })).code,
    ).toBe("environment-not-found");
    h.git.commit(REPO, "empty", manifestOf({ environments: ["prod"], schedules: [] }));
    expect(
      (await h.fail(ALICE, { type: "CreateDeployment", organization, projectKey, name: "x", environment: "prod", gitRev: "empty" })).code,
    ).toBe("no-schedules");
  });

  it("rules 15-17: update re-resolves the tracked branch; unchanged is up-to-date; force and preserve-git-hash", async () => {
    const h = createHarness();
    const { organization, projectKey, first } = await deployed(h);
    const update = { type: "UpdateDeployment" as const, organization, projectKey, name: "prod" };
    expect((await h.fail(ALICE, update)).code).toBe("deployment-up-to-date");
    // Rule 16: a new commit is a change even when the parsed manifest is the same (only plugin config moved, say).
    const refreshed = h.git.commit(REPO, "main", v1);
    const sameManifest = await h.ok(ALICE, update);
    expect(sameManifest.events[0]?.data).toMatchObject({
      previousCommit: first,
      commit: refreshed,
      forced: false,
      schedulesAdded: [],
      schedulesRemoved: [],
    });
    expect((await h.fail(ALICE, update)).code).toBe("deployment-up-to-date");

    const second = h.git.commit(REPO, "main", v2);
    const preserved = await h.send(ALICE, { ...update, preserveGitHash: true });
    expect(preserved._tag === "Left" && preserved.left.kind === "rejected" && preserved.left.error.code).toBe("deployment-up-to-date");
    expect(h.git.calls.at(-1)).toMatchObject({ revision: refreshed });
    const forced = await h.ok(ALICE, { ...update, preserveGitHash: true, force: true });
    expect(forced.events[0]?.data).toMatchObject({ previousCommit: refreshed, commit: refreshed, forced: true, preservedGitHash: true });

    const updated = await h.ok(ALICE, update);
    expect(updated.events[0]?.data).toMatchObject({
      commit: second,
      trigger: "update",
      schedulesAdded: [{ name: "weekly", interval: "@weekly" }],
      schedulesRemoved: [{ name: "hourly-sync", wasEnabled: false }],
    });
    expect((await h.fail(ALICE, { ...update, name: "staging" })).message).toBe(
      "Deployment 'staging' does not exist. Use `meltano cloud deployment create` to create a new Meltano Cloud deployment.",
    );
  });

  it("rule 19: a push redeploys deployments tracking that branch only; pinned ones stay", async () => {
    const h = createHarness();
    const { organization, projectKey, first } = await deployed(h);
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "pinned", environment: "prod", gitRev: first });
    h.git.commit(REPO, "develop", v1);
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "dev", environment: "staging", gitRev: "develop" });
    await h.ok(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });

    const unchanged = await h.ok(WEBHOOK, {
      type: "NotifyBranchUpdated",
      organization,
      repositoryUrl: "git@github.com:acme/data.git",
      branch: "main",
    });
    // Only the push's own mark (what a retry of it finds first): no deployment changed.
    expect(unchanged.events.map((e) => e.type)).toEqual(["BranchPushHandled"]);

    const second = h.git.commit(REPO, "main", v2);
    const pushed = await h.ok(WEBHOOK, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" });
    expect(pushed.streams.map((s) => s.streamName).filter((s) => s.startsWith("deployment-"))).toEqual([`deployment-${projectKey}.prod`]);
    expect(pushed.events[0]?.data).toMatchObject({
      trigger: "branch-updated",
      commit: second,
      schedulesKept: [{ name: "daily-transforms", enabled: true }],
    });

    h.git.commit(REPO, "main", manifestOf({ environments: ["staging"], schedules: [{ name: "s" }] }));
    const broken = await h.ok(WEBHOOK, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" });
    expect(broken.events.map((e) => e.type)).toEqual(["BranchPushHandled"]);
    expect(broken.rejections.map((r) => r.error.code)).toEqual(["environment-not-found"]);

    expect((await h.fail(ALICE, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" })).code).toBe(
      "forbidden",
    );
  });

  it("deletion drops the schedules, stops nothing, and refuses new runs (DECISIONS.md)", async () => {
    const h = createHarness();
    const { organization, projectKey } = await deployed(h);
    await h.ok(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const run = await h.ok(ALICE, { type: "RunSchedule", organization, projectKey, deployment: "prod", schedule: "hourly-sync" });
    const executionId = (run.events[0]?.data as { executionId: string }).executionId;
    await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });

    const deleted = await h.ok(ALICE, { type: "DeleteDeployment", organization, projectKey, name: "Prod" });
    expect(deleted.events.map((e) => [e.type, e.data])).toEqual([
      ["DeploymentDeleted", { organization, projectKey, deployment: "prod", enabledSchedulesDropped: ["daily-transforms"] }],
      ["ProjectDeploymentRemoved", { organization, projectKey, deployment: "prod" }],
    ]);
    await h.ok(RUNNER, { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 });
    const tick = {
      type: "RequestScheduledExecution" as const,
      organization,
      projectKey,
      deployment: "prod",
      schedule: "daily-transforms",
      tickId: "t",
    };
    expect((await h.fail(SCHEDULER, tick)).code).toBe("schedule-not-found");
    expect(
      (await h.fail(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" })).code,
    ).toBe("schedule-not-found");
    expect((await h.fail(ALICE, { type: "DeleteDeployment", organization, projectKey, name: "prod" })).message).toBe(
      "Deployment 'prod' does not exist.",
    );

    const again = await h.ok(ALICE, {
      type: "CreateDeployment",
      organization,
      projectKey,
      name: "prod",
      environment: "prod",
      gitRev: "main",
    });
    expect(again.events.map((e) => e.version)).toEqual([4, expect.any(Number) as number]);
  });

  it("rules 23, 24, 26: enabling is per (deployment, schedule); names are matched exactly; an empty name is refused", async () => {
    const h = createHarness();
    const { organization, projectKey } = await deployed(h);
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "staging", environment: "staging", gitRev: "main" });
    const enable = { type: "EnableSchedule" as const, organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    expect((await h.ok(ALICE, enable)).events).toHaveLength(1);
    expect((await h.ok(ALICE, enable)).events).toHaveLength(0);
    expect((await h.ok(ALICE, { ...enable, type: "DisableSchedule", deployment: "staging" })).events).toHaveLength(0);
    expect((await h.fail(ALICE, { ...enable, deployment: "Prod" })).message).toBe(
      "Unable to find schedule named 'daily-transforms' within a deployment named 'Prod'",
    );
    expect((await h.fail(ALICE, { ...enable, deployment: "" })).message).toMatch(/^A deployment name is required\./);
    expect((await h.fail(ALICE, { type: "RunSchedule", organization, projectKey, deployment: "", schedule: "x" })).code).toBe(
      "deployment-name-required",
    );
    expect((await h.fail(BOB, enable)).code).toBe("not-a-member");
  });

  it("a repository revoked from the organization cannot be deployed, by hand or by a push", async () => {
    const h = createHarness();
    const { organization, projectKey } = await deployed(h);
    await h.ok(ALICE, { type: "RevokeRepository", organization, installationId: "42", repositoryUrl: REPO });
    h.git.commit(REPO, "main", v2);
    const pushed = await h.ok(WEBHOOK, { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" });
    expect(pushed.events.map((e) => e.type)).toEqual(["BranchPushHandled"]);
    expect(pushed.rejections.map((r) => [r.streamName, r.error.code])).toEqual([
      [`deployment-${projectKey}.prod`, "repository-not-granted"],
    ]);
    expect((await h.fail(ALICE, { type: "UpdateDeployment", organization, projectKey, name: "prod" })).code).toBe("repository-not-granted");
    expect(
      (await h.fail(ALICE, { type: "CreateDeployment", organization, projectKey, name: "b", environment: "prod", gitRev: "main" })).code,
    ).toBe("repository-not-granted");
  });
});
