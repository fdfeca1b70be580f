import { describe, expect, it } from "vitest";
import {
  createCommandHandler,
  deploymentDecider,
  deploymentEventSerde,
  deploymentStream,
  identifyProject,
  organizationDecider,
  organizationEventSerde,
  organizationStream,
  projectStream,
} from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import { ALICE, REPO, acmeOrganization, acmeProject, createHarness } from "./domain-harness.js";

const clock = { now: () => "2023-08-24T12:00:00.000Z" };
let n = 0;
const ids = { ulid: () => `01H000000000000000000${String(++n).padStart(5, "0")}`, executionId: () => "0".repeat(32) };

/** Commands that write two streams can be interrupted between them (a crash); a later command must finish the work. */
describe("recovery from a command interrupted between its streams", () => {
  it("a project registered in its organization but never created can be created by a new command", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const identity = identifyProject({ organization, name: "Acme", repositoryUrl: REPO });
    if (identity._tag === "Left") throw new Error("bad identity");
    const handler = createCommandHandler({ store: h.store, clock, ids });
    await handler.handle({
      streamName: organizationStream(organization),
      decider: organizationDecider,
      serde: organizationEventSerde,
      envelope: {
        command: {
          type: "RegisterProject",
          organization,
          projectKey: identity.right.projectKey,
          name: "Acme",
          repositoryUrl: REPO,
          rootPath: ".",
        },
        commandId: "crashed",
        actor: ALICE,
      },
    });
    const created = await h.ok(ALICE, { type: "CreateProject", organization, name: "Acme again", repositoryUrl: REPO });
    expect(created.events.map((e) => [e.streamName, e.type])).toEqual([[projectStream(identity.right.projectKey), "ProjectCreated"]]);
    expect(created.events[0]?.data).toMatchObject({ name: "Acme" });
    expect((await h.fail(ALICE, { type: "CreateProject", organization, name: "Acme", repositoryUrl: REPO })).code).toBe(
      "project-already-exists",
    );
  });

  it("a deployment created without its project index entry is indexed by its next update, so branch pushes find it", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const projectKey = await acmeProject(h, organization);
    const manifest = manifestOf({ environments: ["prod"], schedules: [{ name: "s" }] });
    const commit = h.git.commit(REPO, "main", manifest);
    const handler = createCommandHandler({ store: h.store, clock, ids });
    await handler.handle({
      streamName: deploymentStream(projectKey, "prod"),
      decider: deploymentDecider,
      serde: deploymentEventSerde,
      envelope: {
        command: {
          type: "CreateDeployment",
          organization,
          projectKey,
          deployment: "prod",
          environment: "prod",
          gitRev: "main",
          resolution: { commit, manifest, manifestErrors: [] },
        },
        commandId: "crashed",
        actor: ALICE,
      },
    });
    expect((await h.fail(ALICE, { type: "UpdateDeployment", organization, projectKey, name: "prod" })).code).toBe("deployment-up-to-date");
    await h.ok(ALICE, { type: "UpdateDeployment", organization, projectKey, name: "prod", force: true });
    const index = await h.store.readStream(projectStream(projectKey));
    expect(index.map((e) => e.type)).toEqual(["ProjectCreated", "ProjectDeploymentAdded"]);

    h.git.commit(REPO, "main", manifestOf({ environments: ["prod"], schedules: [{ name: "s" }, { name: "t" }] }));
    const pushed = await h.ok("system:github-webhook", { type: "NotifyBranchUpdated", organization, repositoryUrl: REPO, branch: "main" });
    expect(pushed.events.map((e) => e.type)).toEqual(["DeploymentRedeployed", "BranchPushHandled"]);
  });

  it("a retried update reports duplicate even though it also touched the project index", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const projectKey = await acmeProject(h, organization);
    h.git.commit(REPO, "main", manifestOf({ environments: ["prod"], schedules: [{ name: "s" }] }));
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
    const update = { type: "UpdateDeployment" as const, organization, projectKey, name: "prod", force: true };
    const first = await h.ok(ALICE, update, "update-1");
    const again = await h.ok(ALICE, update, "update-1");
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
  });
});
