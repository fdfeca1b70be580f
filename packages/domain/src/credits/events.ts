import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  DeploymentSlug,
  ExecutionId,
  NonEmptyString,
  ProjectKey,
  patternString,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";
import { ExecutionTrigger } from "../execution/events.js";
import { CREDIT_TEXT_PATTERN } from "./amounts.js";

/** A positive or zero amount of credits as canonical decimal text ("12.5"); see amounts.ts. */
export const CreditAmount = patternString("CreditAmount", CREDIT_TEXT_PATTERN);
/** An ISO-8601 UTC instant, as the clock port and event metadata write them. */
export const Instant = patternString("Instant", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);
export const RunClassCodec = t.keyof({ frequent: null, infrequent: null }, "RunClass");

/** Credits bought for the organization (Meltano Cloud Beta: through sales; recorded by an owner or the billing system). */
export const CreditsPurchased = defineEvent(
  "CreditsPurchased",
  1,
  struct("CreditsPurchased", { organization: Org, credits: CreditAmount }, {}),
);

/**
 * What one pipeline run consumed (rule 42), recorded with the execution's finish or stop. The times are the recorded
 * times of the execution's ExecutionStarted and of its ExecutionFinished or ExecutionStopped event; `interval` is the
 * schedule's interval the run was classed by (absent when the deployment no longer had the schedule).
 */
export const CreditsConsumed = defineEvent(
  "CreditsConsumed",
  1,
  struct(
    "CreditsConsumed",
    {
      organization: Org,
      projectKey: ProjectKey,
      executionId: ExecutionId,
      deployment: DeploymentSlug,
      schedule: NonEmptyString,
      trigger: ExecutionTrigger,
      runClass: RunClassCodec,
      startedAt: Instant,
      endedAt: Instant,
      credits: CreditAmount,
    },
    { interval: NonEmptyString },
  ),
);

export const creditsEventDefinitions = [CreditsPurchased, CreditsConsumed] as const;
export type CreditsEvent = EventOf<typeof creditsEventDefinitions>;
