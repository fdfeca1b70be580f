import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  CommitHash,
  ExecutionId,
  ExitCode,
  NonEmptyString,
  ProjectKey,
  DeploymentSlug,
  patternString,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const ExecutionTrigger = t.keyof({ adhoc: null, scheduled: null }, "ExecutionTrigger");
export type ExecutionTrigger = t.TypeOf<typeof ExecutionTrigger>;

const executionRef = { organization: Org, projectKey: ProjectKey, executionId: ExecutionId };

/** Names the runner process that claimed an execution (e.g. `host-4242`); one runner per execution. */
export const RunnerId = patternString("RunnerId", /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/);

/**
 * Why an execution stopped without an exit code of its own (the record's `stopped_reason`): a user asked, it ran past
 * its timeout, its runner stopped sending heartbeats, or its runner was shut down while it ran. Absent on a stop event
 * means a user's stop (the only kind older events record).
 */
export const StopCause = t.keyof(
  { "user-requested": null, "timed-out": null, "runner-vanished": null, "runner-shutdown": null },
  "StopCause",
);
export type StopCause = t.TypeOf<typeof StopCause>;

/** Timers in Node fire at once past 2^31 - 1 ms (24.8 days): a timeout stays within 24 days. */
export const MAX_TIMEOUT_SECONDS = 24 * 86_400;

/** A whole number of seconds from 1 to MAX_TIMEOUT_SECONDS. */
export const TimeoutSeconds = new t.Type<number, number, unknown>(
  "TimeoutSeconds",
  (u): u is number => typeof u === "number" && Number.isInteger(u) && u >= 1 && u <= MAX_TIMEOUT_SECONDS,
  (u, c) => (typeof u === "number" && Number.isInteger(u) && u >= 1 && u <= MAX_TIMEOUT_SECONDS ? t.success(u) : t.failure(u, c)),
  t.identity,
);

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
/** `runnerId` names the runner that claimed the execution; absent when a member reported the start in person. */
export const ExecutionStarted = defineEvent("ExecutionStarted", 1, struct("ExecutionStarted", executionRef, { runnerId: RunnerId }));
export const ExecutionFinished = defineEvent(
  "ExecutionFinished",
  1,
  struct("ExecutionFinished", { ...executionRef, exitCode: ExitCode }, {}),
);
export const ExecutionStopped = defineEvent(
  "ExecutionStopped",
  1,
  struct("ExecutionStopped", { ...executionRef, reason: NonEmptyString }, { cause: StopCause }),
);
/** A user asked the runner holding the execution to stop it (STOPPING); the runner confirms with ExecutionStopped. */
export const ExecutionStopRequested = defineEvent(
  "ExecutionStopRequested",
  1,
  struct("ExecutionStopRequested", { ...executionRef, reason: NonEmptyString, runnerId: RunnerId }, {}),
);

export const executionEventDefinitions = [
  ExecutionRequested,
  ExecutionStarted,
  ExecutionFinished,
  ExecutionStopped,
  ExecutionStopRequested,
] as const;
export type ExecutionEvent = EventOf<typeof executionEventDefinitions>;
