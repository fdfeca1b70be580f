import { describe, expect, it } from "vitest";
import { deploymentStream, deploymentTickKey, domainEventSerde, dueTicks, verifyStreamChain } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import { ALICE, BOB, REPO, RUNNER, SCHEDULER, acmeOrganization, acmeProject, createHarness } from "./domain-harness.js";

const acmeManifest = manifestOf({
  environments: ["prod", "staging"],
  schedules: [{ name: "daily-transforms" }, { name: "hourly-sync", interval: "@hourly", environments: ["prod"] }],
});

describe("control plane: the seed's story", () => {
  it("deploys prod and staging, enables daily-transforms on prod only, runs it, regenerates ids", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const projectKey = await acmeProject(h, organization);
    h.git.commit(REPO, "main", acmeManifest);

    const prod = await h.ok(ALICE, {
      type: "CreateDeployment",
      organization,
      projectKey,
      name: "Prod",
      environment: "prod",
      gitRev: "main",
    });
    expect(prod.events.map((e) => e.type)).toEqual(["DeploymentCreated", "ProjectDeploymentAdded"]);
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "staging", environment: "staging", gitRev: "main" });

    await h.ok(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
    const staging = await h.store.readStream(deploymentStream(projectKey, "staging"));
    const stagingCreated = domainEventSerde.decode(staging[0]!);
    expect(
      stagingCreated._tag === "Right" && stagingCreated.right.type === "DeploymentCreated" && stagingCreated.right.data.schedules,
    ).toEqual([{ name: "daily-transforms", interval: "@daily" }]);
    expect(staging.map((e) => e.type)).toEqual(["DeploymentCreated"]);

    const run = await h.ok(ALICE, { type: "RunSchedule", organization, projectKey, deployment: "staging", schedule: "daily-transforms" });
    const requested = run.events[0]!;
    const executionId = (requested.data as { executionId: string }).executionId;
    await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
    await h.ok(RUNNER, { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 });

    // Rules 29, 43: the scheduler records ticks the schedule's timing yields.
    const [due] = dueTicks({
      schedules: [
        { deploymentKey: deploymentTickKey(projectKey, "prod"), scheduleName: "daily-transforms", interval: "@daily", enabled: true },
      ],
      from: "2026-12-01T00:00:00Z",
      to: "2026-12-02T00:00:00Z",
    });
    const tickId = due?.tickId ?? "";
    const tick = {
      type: "RequestScheduledExecution" as const,
      organization,
      projectKey,
      deployment: "prod",
      schedule: "daily-transforms",
      tickId,
    };
    expect((await h.fail(SCHEDULER, { ...tick, tickId: "t-1" })).code).toBe("tick-not-due");
    const first = await h.ok(SCHEDULER, tick);
    const again = await h.ok(SCHEDULER, tick);
    expect(first.events).toHaveLength(1);
    expect(again.events).toHaveLength(0);
    expect((await h.fail(SCHEDULER, { ...tick, deployment: "staging" })).code).toBe("schedule-not-enabled");

    const before = await h.store.readAll();
    const regenerated = await h.ok(ALICE, { type: "RegenerateProjectId", organization, projectKey });
    expect(regenerated.events.map((e) => e.type)).toEqual(["ProjectIdRegenerated"]);
    await h.ok(ALICE, { type: "RegenerateOrganizationId", organization });
    const after = await h.store.readAll();
    expect(after.slice(0, before.length)).toEqual(before);

    for (const streamName of new Set(after.map((e) => e.streamName))) {
      expect(verifyStreamChain(await h.store.readStream(streamName))).toBeUndefined();
    }
    for (const event of after) expect(domainEventSerde.decode(event)._tag).toBe("Right");
    expect(
      (await h.fail(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "hourly-sync" })).code,
    ).toBe("not-a-member");
  });
});
