import { BillingAccountNumber as Org, NonEmptyString, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

/**
 * A branch push was handled (`NotifyBranchUpdated`), written after the deployments it redeployed. It is the mark a
 * retry of the same notification finds first: without it, a notification that found every deployment up to date
 * left no trace, and its retry after a later push redeployed.
 */
export const BranchPushHandled = defineEvent(
  "BranchPushHandled",
  1,
  struct("BranchPushHandled", { organization: Org, repositoryUrl: NonEmptyString, branch: NonEmptyString }, {}),
);

export const branchPushEventDefinitions = [BranchPushHandled] as const;
export type BranchPushEvent = EventOf<typeof branchPushEventDefinitions>;
