import type { CommandOf } from "../../commands.js";
import { notificationEventSerde } from "../../events.js";
import { notificationDecider, type NotificationCommand } from "../../notification/decider.js";
import { signingSecretRef } from "../../notification/delivery.js";
import { notificationsStream } from "../../streams.js";
import type { RecordedEvent } from "../../ports/event-store.js";
import type { SecretWrite } from "../../ports/secret-vault.js";
import type { Dispatch, DispatchSuccess, Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream, projectStream } from "../../streams.js";

type Command = CommandOf<"SetNotification"> | CommandOf<"UpdateNotification"> | CommandOf<"DeleteNotification">;

function fieldOf(event: RecordedEvent, field: string): string | undefined {
  const data = event.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const value = (data as { readonly [key: string]: unknown })[field];
  return typeof value === "string" ? value : undefined;
}

const at = (event: RecordedEvent | undefined): SecretWrite | undefined =>
  event === undefined ? undefined : { eventId: event.eventId, version: event.version };

/**
 * Rules 46-50 on the scope's stream. A project scope needs the project to exist in the organization. A webhook's
 * signing secret goes to the vault after the append, keyed by the event (as secret values are: see setSecret), so a
 * repeated command id completes a vault write a crash cut short and never changes it otherwise.
 */
export async function notificationCommand(run: Dispatch, command: Command): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, notificationType, recipient } = command;
  if (projectKey !== undefined) {
    const project = await run.project(organization, projectKey);
    if (project._tag === "Left") return project;
  }
  const scope = projectKey === undefined ? { organization } : { organization, projectKey };
  const decision: NotificationCommand =
    command.type === "SetNotification"
      ? { type: "SetNotification", ...scope, notificationType, recipient, filters: command.filters }
      : command.type === "UpdateNotification"
        ? {
            type: "UpdateNotification",
            ...scope,
            notificationType,
            recipient,
            ...(command.newRecipient === undefined ? {} : { newRecipient: command.newRecipient }),
            ...(command.status === undefined ? {} : { status: command.status }),
          }
        : { type: "DeleteNotification", ...scope, notificationType, recipient };
  const done = await run.exec(notificationsStream(organization, projectKey), notificationDecider, notificationEventSerde, decision);
  if (done._tag === "Left") return done;
  const vault = run.ports.vault;
  // A command id reused for another recipient finds its first use's events, which are not about this one.
  const event = done.right.events.find((e) => fieldOf(e, "recipient") === recipient && fieldOf(e, "notificationType") === notificationType);
  const write = at(event);
  if (vault === undefined || event === undefined || write === undefined || notificationType !== "webhook") return run.success();
  const sha256 = run.ports.sha256;
  const renamedTo = fieldOf(event, "newRecipient");
  if (event.type === "NotificationSet" && command.type === "SetNotification" && command.signingSecret !== undefined) {
    await vault.put(signingSecretRef(scope, recipient, sha256), command.signingSecret, write);
  } else if (event.type === "NotificationUpdated" && command.type === "UpdateNotification" && renamedTo !== undefined) {
    // The secret follows the recipient: the dispatcher looks it up by the new recipient's hash.
    if (command.signingSecret !== undefined) await vault.put(signingSecretRef(scope, renamedTo, sha256), command.signingSecret, write);
    await vault.delete(signingSecretRef(scope, recipient, sha256), write);
  } else if (event.type === "NotificationDeleted" && command.type === "DeleteNotification") {
    await vault.delete(signingSecretRef(scope, recipient, sha256), write);
  }
  return run.success();
}

export const notificationFlow: DeclaredFlow<Command> = {
  streams: ({ organization, projectKey }) => [
    organizationStream(organization),
    ...(projectKey === undefined ? [] : [projectStream(projectKey)]),
    notificationsStream(organization, projectKey),
  ],
  run: notificationCommand,
};
