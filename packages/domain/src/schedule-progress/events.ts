import { BillingAccountNumber as Org, DeploymentSlug, NonEmptyString, ProjectKey, TickCount, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

const pair = { organization: Org, projectKey: ProjectKey, deployment: DeploymentSlug, schedule: NonEmptyString };

/** The scheduler took this tick: it requests the tick's execution next (once, whichever scheduler process gets there). */
export const ScheduledTickClaimed = defineEvent(
  "ScheduledTickClaimed",
  1,
  struct("ScheduledTickClaimed", { ...pair, tickId: NonEmptyString }, {}),
);

/**
 * Ticks that passed while no scheduler ran (downtime, or a poll slower than the schedule): by the missed-tick policy only
 * the latest due tick runs and these are recorded, never run. `count` ticks of `interval` from `firstTickId` to
 * `lastTickId` inclusive (the ids in between follow from the schedule's timing: `dueTicks`). SLA reports read these.
 */
export const ScheduledTicksMissed = defineEvent(
  "ScheduledTicksMissed",
  1,
  struct(
    "ScheduledTicksMissed",
    { ...pair, interval: NonEmptyString, count: TickCount, firstTickId: NonEmptyString, lastTickId: NonEmptyString },
    {},
  ),
);

export const scheduleProgressEventDefinitions = [ScheduledTicksMissed, ScheduledTickClaimed] as const;
export type ScheduleProgressEvent = EventOf<typeof scheduleProgressEventDefinitions>;
