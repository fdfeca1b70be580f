import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  CommitHash,
  NonEmptyString,
  ProjectKey,
  Sha256Hex,
  DeploymentSlug,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const DeployedSchedule = struct("DeployedSchedule", { name: NonEmptyString, interval: NonEmptyString }, {});
export type DeployedSchedule = t.TypeOf<typeof DeployedSchedule>;

const deploymentRef = { organization: Org, projectKey: ProjectKey, deployment: DeploymentSlug };

/** Every schedule of a new deployment starts disabled (rule 22), so the event lists them without flags. */
export const DeploymentCreated = defineEvent(
  "DeploymentCreated",
  1,
  struct(
    "DeploymentCreated",
    {
      ...deploymentRef,
      environment: NonEmptyString,
      gitRev: NonEmptyString,
      commit: CommitHash,
      manifestDigest: Sha256Hex,
      schedules: t.readonlyArray(DeployedSchedule),
    },
    {},
  ),
);

export const RedeployTrigger = t.keyof({ update: null, "branch-updated": null }, "RedeployTrigger");
export type RedeployTrigger = t.TypeOf<typeof RedeployTrigger>;

/** A redeploy records exactly what it did to the schedules: which were added (disabled), removed, and kept (with their flag). */
export const DeploymentRedeployed = defineEvent(
  "DeploymentRedeployed",
  1,
  struct(
    "DeploymentRedeployed",
    {
      ...deploymentRef,
      previousCommit: CommitHash,
      commit: CommitHash,
      manifestDigest: Sha256Hex,
      trigger: RedeployTrigger,
      forced: t.boolean,
      preservedGitHash: t.boolean,
      schedulesAdded: t.readonlyArray(DeployedSchedule),
      schedulesRemoved: t.readonlyArray(struct("RemovedSchedule", { name: NonEmptyString, wasEnabled: t.boolean }, {})),
      schedulesKept: t.readonlyArray(struct("KeptSchedule", { name: NonEmptyString, interval: NonEmptyString, enabled: t.boolean }, {})),
    },
    {
      /** Every schedule name in manifest order; events recorded before it list kept schedules first, then added ones. */
      scheduleOrder: t.readonlyArray(NonEmptyString),
    },
  ),
);

/** See DECISIONS.md: deleting drops the schedules (the enabled ones are listed) and leaves running executions alone. */
export const DeploymentDeleted = defineEvent(
  "DeploymentDeleted",
  1,
  struct("DeploymentDeleted", { ...deploymentRef, enabledSchedulesDropped: t.readonlyArray(NonEmptyString) }, {}),
);
export const ScheduleEnabled = defineEvent(
  "ScheduleEnabled",
  1,
  struct("ScheduleEnabled", { ...deploymentRef, schedule: NonEmptyString }, {}),
);
export const ScheduleDisabled = defineEvent(
  "ScheduleDisabled",
  1,
  struct("ScheduleDisabled", { ...deploymentRef, schedule: NonEmptyString }, {}),
);

export const deploymentEventDefinitions = [
  DeploymentCreated,
  DeploymentRedeployed,
  DeploymentDeleted,
  ScheduleEnabled,
  ScheduleDisabled,
] as const;
export type DeploymentEvent = EventOf<typeof deploymentEventDefinitions>;
