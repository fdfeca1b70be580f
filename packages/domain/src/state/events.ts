import { BillingAccountNumber as Org, ProjectKey, Sha256Hex, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";
import { StateId } from "./state-id.js";
import { StateContentCodec } from "./state-content.js";

/*
 * Every change of a bookmark is an event naming who (the envelope's actor), when (its time), and from what to what: the
 * new content in full and the SHA-256 of the canonical JSON of the content it replaced, which is the previous StateSet
 * of the same stream (one stream per state id). Keeping one content per event instead of both halves the size while
 * losing nothing: the previous content is one event back, and the digest proves which one it was.
 */
export const StateSet = defineEvent(
  "StateSet",
  1,
  struct(
    "StateSet",
    { organization: Org, projectKey: ProjectKey, stateId: StateId, content: StateContentCodec, digest: Sha256Hex },
    { previousDigest: Sha256Hex },
  ),
);
/** Deleting a bookmark (to force a backfill) records the digest of the content it removed. */
export const StateDeleted = defineEvent(
  "StateDeleted",
  1,
  struct("StateDeleted", { organization: Org, projectKey: ProjectKey, stateId: StateId, previousDigest: Sha256Hex }, {}),
);

export const stateEventDefinitions = [StateSet, StateDeleted] as const;
export type StateEvent = EventOf<typeof stateEventDefinitions>;
