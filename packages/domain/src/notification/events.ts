import * as t from "io-ts";
import { BillingAccountNumber as Org, NonEmptyString, ProjectKey, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const NotificationTypeCodec = t.keyof({ webhook: null, email: null }, "NotificationType");
export const NotificationStatusCodec = t.keyof({ active: null, inactive: null }, "NotificationStatus");
const NotificationEventCodec = t.keyof({ job_run: null }, "NotificationEvent");
const NotificationOutcomeCodec = t.keyof({ succeeded: null, failed: null, cancelled: null }, "NotificationOutcome");

/** A validated filter as events keep it (rule 47's vocabulary only). */
export const NotificationFilterCodec = struct(
  "NotificationFilter",
  {},
  { events: t.array(NotificationEventCodec), status: t.array(NotificationOutcomeCodec) },
);

/** The scope is the stream's: an organization, and the project when the notification is project-scoped (rule 46). */
const inScope = { organization: Org };
const scopeOptional = { projectKey: ProjectKey };

/** Set or overwritten (rule 46): one per recipient per scope. A new recipient starts active; an overwrite keeps the status. */
export const NotificationSet = defineEvent(
  "NotificationSet",
  1,
  struct(
    "NotificationSet",
    { ...inScope, notificationType: NotificationTypeCodec, recipient: NonEmptyString, filters: t.array(NotificationFilterCodec) },
    scopeOptional,
  ),
);
/** `newRecipient` renames the recipient (the key); `status` activates or deactivates it. */
export const NotificationUpdated = defineEvent(
  "NotificationUpdated",
  1,
  struct(
    "NotificationUpdated",
    { ...inScope, notificationType: NotificationTypeCodec, recipient: NonEmptyString },
    { ...scopeOptional, newRecipient: NonEmptyString, status: NotificationStatusCodec },
  ),
);
export const NotificationDeleted = defineEvent(
  "NotificationDeleted",
  1,
  struct("NotificationDeleted", { ...inScope, notificationType: NotificationTypeCodec, recipient: NonEmptyString }, scopeOptional),
);

export const notificationEventDefinitions = [NotificationSet, NotificationUpdated, NotificationDeleted] as const;
export type NotificationEvent = EventOf<typeof notificationEventDefinitions>;
