import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  CommitHash,
  ExecutionId,
  ExitCode,
  NonEmptyString,
  ProjectKey,
  DeploymentSlug,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const ExecutionTrigger = t.keyof({ adhoc: null, scheduled: null }, "ExecutionTrigger");
export type ExecutionTrigger = t.TypeOf<typeof ExecutionTrigger>;

const executionRef = { organization: Org, projectKey: ProjectKey, executionId: ExecutionId };

export const ExecutionRequested = defineEvent(
  "ExecutionRequested",
  1,
  struct(
    "ExecutionRequested",
    {
      ...executionRef,
      deployment: DeploymentSlug,
      schedule: NonEmptyString,
      environment: NonEmptyString,
      commit: CommitHash,
      trigger: ExecutionTrigger,
    },
    { tickId: NonEmptyString },
  ),
);
export const ExecutionStarted = defineEvent("ExecutionStarted", 1, struct("ExecutionStarted", executionRef, {}));
export const ExecutionFinished = defineEvent(
  "ExecutionFinished",
  1,
  struct("ExecutionFinished", { ...executionRef, exitCode: ExitCode }, {}),
);
export const ExecutionStopped = defineEvent(
  "ExecutionStopped",
  1,
  struct("ExecutionStopped", { ...executionRef, reason: NonEmptyString }, {}),
);

export const executionEventDefinitions = [ExecutionRequested, ExecutionStarted, ExecutionFinished, ExecutionStopped] as const;
export type ExecutionEvent = EventOf<typeof executionEventDefinitions>;
