import { describe, expect, it } from "vitest";
import {
  deploymentDecider,
  digestOf,
  schedulesForEnvironment,
  syncSchedules,
  tracksBranch,
  type DeploymentEvent,
} from "@cloud-ledger/domain";
import { deciderSpec, manifestOf } from "@cloud-ledger/domain/testing";
import { COMMIT_1, COMMIT_2, OTHER_ORG, acme, prodCreated, ref, resolution } from "../support/fixtures.js";

const spec = deciderSpec(deploymentDecider);
const digest = digestOf(acme);
const created = prodCreated(digest);
const create = { type: "CreateDeployment" as const, ...ref, environment: "prod", gitRev: "main", resolution: resolution(COMMIT_1, acme) };
const enabled: DeploymentEvent = { type: "ScheduleEnabled", data: { ...ref, schedule: "daily-transforms" } };
const redeploy = (commit: string, manifest = acme, options: { force?: boolean; preserveGitHash?: boolean } = {}) => ({
  type: "RedeployDeployment" as const,
  ...ref,
  trigger: "update" as const,
  force: options.force ?? false,
  preserveGitHash: options.preserveGitHash ?? false,
  resolution: resolution(commit, manifest),
});

describe("deployments: creation (rules 12, 13, 21, 22)", () => {
  it("deploys an environment at the resolved commit; its schedules are the manifest's for that environment, all disabled", () => {
    spec.given([]).when(create).then([created]);
    spec
      .given([])
      .when(create)
      .thenState((state) => {
        expect(state.status === "deployed" && state.schedules.every((s) => !s.enabled)).toBe(true);
      });
  });

  it("rule 12: refuses an existing deployment with Meltano's message", () => {
    const error = spec
      .given([created])
      .when(create)
      .thenFails((e) => e.code === "deployment-already-exists");
    expect(error.message).toBe(
      "Deployment 'prod' already exists. Use `meltano cloud deployment update` to update an existing Meltano Cloud deployment.",
    );
  });

  it("rule 13: the environment must exist in meltano.yml at the resolved commit", () => {
    spec
      .given([])
      .when({ ...create, environment: "Prod" })
      .thenFails((e) => e.code === "environment-not-found");
  });

  it("rule 13: the project must define at least one schedule", () => {
    const empty = manifestOf({ environments: ["prod"], schedules: [] });
    spec
      .given([])
      .when({ ...create, resolution: resolution(COMMIT_1, empty) })
      .thenFails((e) => e.code === "no-schedules");
  });

  it("refuses a manifest Meltano itself would reject", () => {
    const errors = [{ file: "meltano.yml", path: "schedules[0].interval", message: "Invalid Cron expression or alias: 'nope'" }];
    const error = spec
      .given([])
      .when({ ...create, resolution: resolution(COMMIT_1, acme, errors) })
      .thenFails((e) => e.code === "manifest-invalid");
    expect(error.message).toContain("schedules[0].interval");
  });

  it("rule 21: the meltano.cloud environments annotation filters schedules per environment", () => {
    expect(schedulesForEnvironment(acme, "staging").map((s) => s.name)).toEqual(["daily-transforms"]);
    expect(schedulesForEnvironment(acme, "prod").map((s) => s.name)).toEqual(["daily-transforms", "hourly-sync"]);
    const emptyList = manifestOf({ environments: ["dev"], schedules: [{ name: "s", environments: [] }] });
    expect(schedulesForEnvironment(emptyList, "dev").map((s) => s.name)).toEqual(["s"]);
  });

  it("a deleted deployment can be created again", () => {
    const deleted: DeploymentEvent = { type: "DeploymentDeleted", data: { ...ref, enabledSchedulesDropped: [] } };
    spec.given([created, deleted]).when(create).then([created]);
  });

  it("a deployment of another organization does not count", () => {
    spec
      .given([created])
      .when({ ...create, organization: OTHER_ORG })
      .then([{ ...created, data: { ...created.data, organization: OTHER_ORG } } as DeploymentEvent]);
    spec
      .given([created])
      .when({ type: "DeleteDeployment", ...ref, organization: OTHER_ORG })
      .thenFails((e) => e.code === "deployment-not-found");
  });
});

describe("deployments: update (rules 15-18, 25)", () => {
  const changed = manifestOf({
    environments: ["prod", "staging"],
    schedules: [
      { name: "daily-transforms", interval: "0 3 * * *" },
      { name: "weekly-report", interval: "@weekly" },
    ],
  });

  it("rule 16: given prod at COMMIT_1, when the revision still resolves to COMMIT_1 without force, then 'already up-to-date'", () => {
    const error = spec
      .given([created])
      .when(redeploy(COMMIT_1))
      .thenFails((e) => e.code === "deployment-up-to-date");
    expect(error.message).toBe(
      "Deployment already up-to-date. No changes to the Meltano manifest were detected. " +
        "Use the '--force' option to perform an update anyway.",
    );
  });

  it("rule 16: given prod at COMMIT_1, when a commit changes only what the parsed manifest omits (config, pip_url), it redeploys", () => {
    spec
      .given([created, enabled])
      .when(redeploy(COMMIT_2))
      .then([
        {
          type: "DeploymentRedeployed",
          data: {
            ...ref,
            previousCommit: COMMIT_1,
            commit: COMMIT_2,
            manifestDigest: digest,
            trigger: "update",
            forced: false,
            preservedGitHash: false,
            schedulesAdded: [],
            schedulesRemoved: [],
            schedulesKept: [
              { name: "daily-transforms", interval: "@daily", enabled: true },
              { name: "hourly-sync", interval: "@hourly", enabled: false },
            ],
            scheduleOrder: ["daily-transforms", "hourly-sync"],
          },
        },
      ]);
    spec
      .given([created])
      .when(redeploy(COMMIT_2))
      .thenState((state) => expect(state).toMatchObject({ status: "deployed", commit: COMMIT_2 }));
  });

  it("rule 19: given daily-transforms enabled, when a commit puts a new schedule first, the schedules follow manifest order", () => {
    const reordered = manifestOf({
      environments: ["prod", "staging"],
      schedules: [{ name: "early-sync", interval: "@hourly" }, { name: "daily-transforms" }, { name: "hourly-sync", interval: "@hourly" }],
    });
    spec
      .given([created, enabled])
      .when(redeploy(COMMIT_2, reordered))
      .thenState((state) => {
        expect(state.status === "deployed" && state.schedules).toEqual([
          { name: "early-sync", interval: "@hourly", enabled: false },
          { name: "daily-transforms", interval: "@daily", enabled: true },
          { name: "hourly-sync", interval: "@hourly", enabled: false },
        ]);
      });
  });

  it("rule 16: with force it redeploys anyway", () => {
    spec
      .given([created, enabled])
      .when(redeploy(COMMIT_1, acme, { force: true, preserveGitHash: true }))
      .then([
        {
          type: "DeploymentRedeployed",
          data: {
            ...ref,
            previousCommit: COMMIT_1,
            commit: COMMIT_1,
            manifestDigest: digest,
            trigger: "update",
            forced: true,
            preservedGitHash: true,
            schedulesAdded: [],
            schedulesRemoved: [],
            schedulesKept: [
              { name: "daily-transforms", interval: "@daily", enabled: true },
              { name: "hourly-sync", interval: "@hourly", enabled: false },
            ],
            scheduleOrder: ["daily-transforms", "hourly-sync"],
          },
        },
      ]);
  });

  it("rules 15, 22-25: a redeploy keeps flags of remaining schedules, adds new ones disabled, removes vanished ones, and says so", () => {
    spec
      .given([created, enabled])
      .when(redeploy(COMMIT_2, changed))
      .then([
        {
          type: "DeploymentRedeployed",
          data: {
            ...ref,
            previousCommit: COMMIT_1,
            commit: COMMIT_2,
            manifestDigest: digestOf(changed),
            trigger: "update",
            forced: false,
            preservedGitHash: false,
            schedulesAdded: [{ name: "weekly-report", interval: "@weekly" }],
            schedulesRemoved: [{ name: "hourly-sync", wasEnabled: false }],
            schedulesKept: [{ name: "daily-transforms", interval: "0 3 * * *", enabled: true }],
            scheduleOrder: ["daily-transforms", "weekly-report"],
          },
        },
      ]);
    spec
      .given([created, enabled])
      .when(redeploy(COMMIT_2, changed))
      .thenState((state) => {
        expect(state).toMatchObject({ status: "deployed", environment: "prod", gitRev: "main", commit: COMMIT_2 });
        expect(state.status === "deployed" && state.schedules).toEqual([
          { name: "daily-transforms", interval: "0 3 * * *", enabled: true },
          { name: "weekly-report", interval: "@weekly", enabled: false },
        ]);
      });
  });

  it("a redeploy still needs the environment and a schedule", () => {
    const noProd = manifestOf({ environments: ["staging"], schedules: [{ name: "s" }] });
    spec
      .given([created])
      .when(redeploy(COMMIT_2, noProd))
      .thenFails((e) => e.code === "environment-not-found");
  });

  it("rule 18: updating or deleting a missing deployment fails with 'does not exist'", () => {
    const update = spec
      .given([])
      .when(redeploy(COMMIT_2))
      .thenFails((e) => e.code === "deployment-not-found");
    expect(update.message).toBe(
      "Deployment 'prod' does not exist. Use `meltano cloud deployment create` to create a new Meltano Cloud deployment.",
    );
    const remove = spec
      .given([])
      .when({ type: "DeleteDeployment", ...ref })
      .thenFails((e) => e.code === "deployment-not-found");
    expect(remove.message).toBe("Deployment 'prod' does not exist.");
  });

  it("rule 19: only a deployment tracking the branch (not a pinned commit) follows it", () => {
    const state = deploymentDecider.evolve(deploymentDecider.initialState(), created);
    if (state.status !== "deployed") throw new Error("not deployed");
    expect(tracksBranch(state, "main")).toBe(true);
    expect(tracksBranch(state, "develop")).toBe(false);
    expect(tracksBranch({ ...state, gitRev: COMMIT_1 }, COMMIT_1)).toBe(false);
  });
});

describe("deployments: deletion (see DECISIONS.md)", () => {
  it("deletes the deployment and lists the enabled schedules dropped with it", () => {
    spec
      .given([created, enabled])
      .when({ type: "DeleteDeployment", ...ref })
      .then([{ type: "DeploymentDeleted", data: { ...ref, enabledSchedulesDropped: ["daily-transforms"] } }]);
  });

  it("after deletion its schedules cannot be enabled", () => {
    const deleted: DeploymentEvent = { type: "DeploymentDeleted", data: { ...ref, enabledSchedulesDropped: [] } };
    spec
      .given([created, deleted])
      .when({ type: "EnableSchedule", ...ref, schedule: "daily-transforms" })
      .thenFails((e) => e.code === "schedule-not-found");
  });
});

describe("schedules: enable and disable per (deployment, schedule) (rules 22-25)", () => {
  it("enables a disabled schedule", () => {
    spec
      .given([created])
      .when({ type: "EnableSchedule", ...ref, schedule: "daily-transforms" })
      .then([enabled]);
  });

  it("rule 25: enabling an enabled schedule, or disabling a disabled one, records nothing", () => {
    spec
      .given([created, enabled])
      .when({ type: "EnableSchedule", ...ref, schedule: "daily-transforms" })
      .thenNothing();
    spec
      .given([created])
      .when({ type: "DisableSchedule", ...ref, schedule: "daily-transforms" })
      .thenNothing();
  });

  it("disables an enabled schedule", () => {
    spec
      .given([created, enabled])
      .when({ type: "DisableSchedule", ...ref, schedule: "daily-transforms" })
      .then([{ type: "ScheduleDisabled", data: { ...ref, schedule: "daily-transforms" } }]);
  });

  it("rule 24: an unknown schedule or deployment gets Meltano's message", () => {
    const error = spec
      .given([created])
      .when({ type: "EnableSchedule", ...ref, schedule: "nightly" })
      .thenFails((e) => e.code === "schedule-not-found");
    expect(error.message).toBe("Unable to find schedule named 'nightly' within a deployment named 'prod'");
    spec
      .given([])
      .when({ type: "DisableSchedule", ...ref, schedule: "daily-transforms" })
      .thenFails((e) => e.code === "schedule-not-found");
  });

  it("syncSchedules keeps order and flags", () => {
    const sync = syncSchedules(
      [
        { name: "a", interval: "@daily", enabled: true },
        { name: "b", interval: "@daily", enabled: false },
      ],
      [
        { name: "c", interval: "@hourly" },
        { name: "a", interval: "@weekly" },
      ],
    );
    expect(sync).toEqual({
      added: [{ name: "c", interval: "@hourly" }],
      removed: [{ name: "b", wasEnabled: false }],
      kept: [{ name: "a", interval: "@weekly", enabled: true }],
    });
  });
});
