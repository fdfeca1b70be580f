import { isLeft, left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { NotificationEvent } from "./events.js";
import { validateNotificationFilters, type RawNotificationFilter } from "./filters.js";
import { checkRecipient } from "./recipient.js";
import type { NotificationScopeState } from "./state.js";
import type { NotificationStatus, NotificationType } from "./vocabulary.js";

/** Where a notification lives: the organization, or one of its projects (rule 46). */
export interface NotificationScopeKey {
  readonly organization: string;
  readonly projectKey?: string;
}

interface OnRecipient extends NotificationScopeKey {
  readonly notificationType: NotificationType;
  readonly recipient: string;
}

export type NotificationCommand =
  | (OnRecipient & { readonly type: "SetNotification"; readonly filters: readonly RawNotificationFilter[] })
  | (OnRecipient & { readonly type: "UpdateNotification"; readonly newRecipient?: string; readonly status?: NotificationStatus })
  | (OnRecipient & { readonly type: "DeleteNotification" });

type Result = Either<DomainError, readonly NotificationEvent[]>;

const scopeOf = (command: NotificationScopeKey): NotificationScopeKey =>
  command.projectKey === undefined
    ? { organization: command.organization }
    : { organization: command.organization, projectKey: command.projectKey };

function decideUpdate(command: Extract<NotificationCommand, { type: "UpdateNotification" }>, state: NotificationScopeState): Result {
  // Rule 49: neither a new recipient nor a status is a no-op, whatever the recipient (the CLI never even sends it).
  if (command.newRecipient === undefined && command.status === undefined) return right([]);
  const { notificationType, recipient } = command;
  const current = state.recipients.get(recipient);
  if (current?.type !== notificationType) return left(DomainErrors.notificationNotFound(notificationType, recipient));
  const rename = command.newRecipient !== undefined && command.newRecipient !== recipient ? command.newRecipient : undefined;
  if (rename !== undefined) {
    const checked = checkRecipient(notificationType, rename);
    if (isLeft(checked)) return checked;
    // Renaming onto another recipient of the scope would merge two notifications into one silently.
    if (state.recipients.has(rename)) return left(DomainErrors.notificationAlreadyExists(rename));
  }
  const status = command.status !== undefined && command.status !== current.status ? command.status : undefined;
  if (rename === undefined && status === undefined) return right([]);
  return right([
    {
      type: "NotificationUpdated",
      data: {
        ...scopeOf(command),
        notificationType,
        recipient,
        ...(rename === undefined ? {} : { newRecipient: rename }),
        ...(status === undefined ? {} : { status }),
      },
    },
  ]);
}

/** The notifications of one scope: a stream per organization and one per project (see streams.ts). */
export const notificationDecider: Decider<NotificationCommand, NotificationEvent, NotificationScopeState, DomainError> = {
  initialState: () => ({ recipients: new Map() }),
  decide(command, state) {
    const { notificationType, recipient } = command;
    switch (command.type) {
      case "SetNotification": {
        const checked = checkRecipient(notificationType, recipient);
        if (isLeft(checked)) return checked;
        const filters = validateNotificationFilters(command.filters);
        if (isLeft(filters)) return filters;
        // Rule 46: setting an existing recipient again overwrites it, so it is recorded every time.
        return right([{ type: "NotificationSet", data: { ...scopeOf(command), notificationType, recipient, filters: filters.right } }]);
      }
      case "UpdateNotification":
        return decideUpdate(command, state);
      case "DeleteNotification":
        if (state.recipients.get(recipient)?.type !== notificationType) {
          return left(DomainErrors.notificationNotFound(notificationType, recipient));
        }
        return right([{ type: "NotificationDeleted", data: { ...scopeOf(command), notificationType, recipient } }]);
    }
  },
  evolve(state, event) {
    const recipients = new Map(state.recipients);
    const d = event.data;
    switch (event.type) {
      case "NotificationSet": {
        const status = recipients.get(d.recipient)?.status ?? "active";
        recipients.set(d.recipient, { type: event.data.notificationType, status, filters: event.data.filters });
        break;
      }
      case "NotificationUpdated": {
        const current = recipients.get(d.recipient);
        if (current === undefined) return state;
        recipients.delete(d.recipient);
        recipients.set(event.data.newRecipient ?? d.recipient, { ...current, status: event.data.status ?? current.status });
        break;
      }
      case "NotificationDeleted":
        recipients.delete(d.recipient);
        break;
    }
    return { recipients };
  },
};
