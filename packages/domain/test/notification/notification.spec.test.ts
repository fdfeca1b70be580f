import { describe, expect, it } from "vitest";
import {
  checkRecipient,
  notificationDecider,
  notificationMatches,
  validateNotificationFilters,
  type NotificationEvent,
} from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { ORG, PK } from "../support/fixtures.js";

const spec = deciderSpec(notificationDecider);
const HOOK = "https://hooks.example.com/meltano";
const inOrg = { organization: ORG } as const;
const inProject = { organization: ORG, projectKey: PK } as const;
const setHook = (filters: NotificationEvent["data"] extends never ? never : unknown[] = []) => ({
  type: "SetNotification" as const,
  ...inProject,
  notificationType: "webhook" as const,
  recipient: HOOK,
  filters: filters as { events?: string[]; status?: string[] }[],
});
const hookSet: NotificationEvent = {
  type: "NotificationSet",
  data: { ...inProject, notificationType: "webhook", recipient: HOOK, filters: [] },
};

describe("notifications: one per recipient per scope (rule 46)", () => {
  it("sets a webhook in a project scope, and setting it again overwrites its filters", () => {
    spec.given([]).when(setHook()).then([hookSet]);
    const failedOnly = { ...hookSet, data: { ...hookSet.data, filters: [{ status: ["failed" as const] }] } };
    spec
      .given([hookSet])
      .when(setHook([{ status: ["failed"] }]))
      .then([failedOnly]);
    spec
      .given([hookSet, failedOnly])
      .when(setHook())
      .thenState((state) => {
        expect([...state.recipients.keys()]).toEqual([HOOK]);
        expect(state.recipients.get(HOOK)).toEqual({ type: "webhook", status: "active", filters: [] });
      });
  });

  it("an organization-scoped notification records no project key", () => {
    spec
      .given([])
      .when({ type: "SetNotification", ...inOrg, notificationType: "email", recipient: "ops@example.com", filters: [] })
      .then([{ type: "NotificationSet", data: { ...inOrg, notificationType: "email", recipient: "ops@example.com", filters: [] } }]);
  });

  it("an overwrite keeps an inactive notification inactive; set again with another type replaces the type", () => {
    const off: NotificationEvent = {
      type: "NotificationUpdated",
      data: { ...inProject, notificationType: "webhook", recipient: HOOK, status: "inactive" },
    };
    spec
      .given([hookSet, off])
      .when(setHook())
      .thenState((state) => expect(state.recipients.get(HOOK)?.status).toBe("inactive"));
  });

  it("renaming onto a recipient the scope already has is refused", () => {
    const other: NotificationEvent = { type: "NotificationSet", data: { ...hookSet.data, recipient: "https://other.example.com/" } };
    spec
      .given([hookSet, other])
      .when({
        type: "UpdateNotification",
        ...inProject,
        notificationType: "webhook",
        recipient: HOOK,
        newRecipient: "https://other.example.com/",
      })
      .thenFails((e) => e.code === "notification-already-exists");
  });

  it("update and delete of a recipient the scope does not have (or has with another type) are not found", () => {
    for (const command of [
      { type: "DeleteNotification" as const, ...inProject, notificationType: "webhook" as const, recipient: HOOK },
      {
        type: "UpdateNotification" as const,
        ...inProject,
        notificationType: "webhook" as const,
        recipient: HOOK,
        status: "inactive" as const,
      },
    ]) {
      spec
        .given([])
        .when(command)
        .thenFails(
          (e) => e.code === "notification-not-found" && e.message === `No webhook notification for '${HOOK}' exists in this scope.`,
        );
      spec
        .given([hookSet])
        .when({ ...command, notificationType: "email" })
        .thenFails((e) => e.code === "notification-not-found");
    }
    spec
      .given([hookSet])
      .when({ type: "DeleteNotification", ...inProject, notificationType: "webhook", recipient: HOOK })
      .then([{ type: "NotificationDeleted", data: { ...inProject, notificationType: "webhook", recipient: HOOK } }]);
  });
});

describe("notifications: vocabulary (rule 47)", () => {
  it("takes job_run events and succeeded, failed, cancelled statuses; repeated values are kept once", () => {
    const filters = validateNotificationFilters([{ events: ["job_run", "job_run"], status: ["failed", "cancelled"] }, {}]);
    expect(filters).toEqual({ _tag: "Right", right: [{ events: ["job_run"], status: ["failed", "cancelled"] }, {}] });
  });

  it("refuses other events with Meltano Cloud's message", () => {
    spec
      .given([])
      .when(setHook([{ events: ["job_run", "deploy"] }]))
      .thenFails(
        (e) =>
          e.code === "notification-filter-unsupported" &&
          e.message === "Some events not supported. Supported events: {'job_run'}, events: ['job_run', 'deploy']",
      );
  });

  it("is case-sensitive: 'Failed' is refused, not folded", () => {
    spec
      .given([])
      .when(setHook([{ status: ["Failed"] }]))
      .thenFails(
        (e) => e.message === "Some status not supported. Supported status: {'succeeded', 'failed', 'cancelled'}, status: ['Failed']",
      );
  });

  it("escapes control characters and quotes of a refused value in the message", () => {
    const error = spec
      .given([])
      .when(setHook([{ status: ["\u001b[31m'"] }]))
      .thenFails();
    expect(error.message).toContain("['\\u{1b}[31m\\'']");
  });

  it("takes at most 20 filters", () => {
    spec
      .given([])
      .when(setHook(Array.from({ length: 21 }, () => ({}))))
      .thenFails((e) => e.code === "notification-filters-too-many");
  });

  it("status moves between active and inactive (section 4.6)", () => {
    const off = {
      type: "UpdateNotification" as const,
      ...inProject,
      notificationType: "webhook" as const,
      recipient: HOOK,
      status: "inactive" as const,
    };
    spec
      .given([hookSet])
      .when(off)
      .then([{ type: "NotificationUpdated", data: { ...inProject, notificationType: "webhook", recipient: HOOK, status: "inactive" } }]);
    spec
      .given([hookSet])
      .when({ ...off, status: "active" })
      .thenNothing();
  });
});

describe("notifications: filters combine with OR, keys with AND (rule 48)", () => {
  const failedRuns = { events: ["job_run" as const], status: ["failed" as const] };
  it("one filter needs every key it has to match", () => {
    expect(notificationMatches([failedRuns], { event: "job_run", status: "failed" })).toBe(true);
    expect(notificationMatches([failedRuns], { event: "job_run", status: "succeeded" })).toBe(false);
  });

  it("several filters match when any one does", () => {
    const filters = [failedRuns, { status: ["cancelled" as const] }];
    expect(notificationMatches(filters, { event: "job_run", status: "cancelled" })).toBe(true);
    expect(notificationMatches(filters, { event: "job_run", status: "succeeded" })).toBe(false);
  });

  it("no filter matches everything; a key given as an empty list matches nothing", () => {
    expect(notificationMatches([], { event: "job_run", status: "succeeded" })).toBe(true);
    expect(notificationMatches([{}], { event: "job_run", status: "succeeded" })).toBe(true);
    expect(notificationMatches([{ status: [] }], { event: "job_run", status: "succeeded" })).toBe(false);
  });
});

describe("notifications: an update with neither a new recipient nor a status is a no-op (rule 49)", () => {
  it("records nothing, even for a recipient the scope does not have", () => {
    const update = { type: "UpdateNotification" as const, ...inProject, notificationType: "webhook" as const, recipient: HOOK };
    spec.given([hookSet]).when(update).thenNothing();
    spec.given([]).when(update).thenNothing();
  });

  it("a rename moves the notification, status and filters included", () => {
    const renamed = "https://new.example.com/hook";
    spec
      .given([hookSet])
      .when({ type: "UpdateNotification", ...inProject, notificationType: "webhook", recipient: HOOK, newRecipient: renamed })
      .then([{ type: "NotificationUpdated", data: { ...inProject, notificationType: "webhook", recipient: HOOK, newRecipient: renamed } }]);
    spec
      .given([hookSet])
      .when({ type: "UpdateNotification", ...inProject, notificationType: "webhook", recipient: HOOK, newRecipient: renamed })
      .thenState((state) => expect([...state.recipients.keys()]).toEqual([renamed]));
  });
});

describe("notifications: recipient format (rule 50)", () => {
  it.each(["http://hooks.example.com", "https://hooks.example.com:8443/a/b?x=1", "https://127.0.0.1/notify"])(
    "takes the webhook %j",
    (recipient) => {
      expect(checkRecipient("webhook", recipient)._tag).toBe("Right");
    },
  );

  it.each(
    [
      ["ftp://hooks.example.com", "it must be an http:// or https:// URL"],
      ["hooks.example.com/x", "it must be an http:// or https:// URL"],
      ["https://", "it must be an http:// or https:// URL"],
      ["https://exa mple.com", "it must be an http:// or https:// URL"],
      ["http://[::1", "it is not a valid URL"],
      ["https://user:secret@hooks.example.com/", "it must not contain a user name or password"],
      ["https://token@hooks.example.com/", "it must not contain a user name or password"],
      [`https://example.com/${"a".repeat(2048)}`, "it is longer than 2048 characters"],
      ["https://example.com/\u202eexe", "it contains U+202E (a right-to-left override)"],
    ].map(([recipient = "", reason = ""]) => [recipient.length > 80 ? `${recipient.slice(0, 30)}...` : recipient, reason, recipient]),
  )("refuses the webhook %s: %s", (_shown, reason, recipient) => {
    spec
      .given([])
      .when({ ...setHook(), recipient })
      .thenFails((e) => e.code === "notification-recipient-invalid" && e.message === `Invalid webhook value: ${reason}.`);
  });

  it.each(["ops@example.com", "first.last+tag@mail.example.co.uk"])("takes the email %j", (recipient) => {
    expect(checkRecipient("email", recipient)._tag).toBe("Right");
  });

  it.each([
    "ops",
    "ops@example",
    "@example.com",
    "ops@@example.com",
    "ops @example.com",
    "https://u:p@c.example.com/",
    "ops@example.com/x",
    "a * 250 + @example.com",
  ])("refuses the email %j with Meltano Cloud's text", (shown) => {
    const recipient = shown.startsWith("a * 250") ? `${"a".repeat(250)}@example.com` : shown;
    const checked = checkRecipient("email", recipient);
    expect(checked._tag === "Left" && checked.left.message).toMatch(/^Invalid email value: /);
  });

  it("checks the new recipient of a rename too", () => {
    spec
      .given([hookSet])
      .when({ type: "UpdateNotification", ...inProject, notificationType: "webhook", recipient: HOOK, newRecipient: "mailto:x@y.z" })
      .thenFails((e) => e.code === "notification-recipient-invalid");
  });
});
