import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  notificationDecider,
  type NotificationCommand,
  type NotificationScopeState,
  type NotificationStatus,
  type NotificationType,
} from "@cloud-ledger/domain";
import { ORG, PK } from "../support/fixtures.js";

/*
 * A reference model of one scope's notifications (rules 46-50), written as plainly as possible, against which random
 * command sequences run through the decider: both must accept and refuse the same commands and end in the same state.
 */
interface ModelEntry {
  type: NotificationType;
  status: NotificationStatus;
  filters: string;
}
type Model = Map<string, ModelEntry>;

const WEBHOOKS = ["https://a.example.com/hook", "http://b.example.com", "https://u:p@c.example.com/", "ftp://d.example.com"];
const EMAILS = ["ops@example.com", "data@example.org", "not-an-email", "x@y"];
const validRecipient = (type: NotificationType, r: string): boolean =>
  type === "webhook" ? /^https?:\/\/[a-z.]+(?:\/\S*)?$/.test(r) && !r.includes("@") : /^[a-z]+@[a-z]+\.[a-z]+$/.test(r);
const FILTERS = [[], [{ status: ["failed"] }], [{ events: ["job_run"], status: ["succeeded", "cancelled"] }], [{ status: ["Failed"] }]];
const validFilters = (filters: readonly { readonly status?: readonly string[] }[]): boolean =>
  filters.every((f) => (f.status ?? []).every((s) => ["succeeded", "failed", "cancelled"].includes(s)));

const scope = fc.constantFrom({ organization: ORG }, { organization: ORG, projectKey: PK });
const typed = fc.constantFrom<NotificationType>("webhook", "email").chain((notificationType) =>
  fc.record({
    notificationType: fc.constant(notificationType),
    recipient: fc.constantFrom(...(notificationType === "webhook" ? WEBHOOKS : EMAILS)),
  }),
);
const commandArbitrary = (where: { organization: string; projectKey?: string }): fc.Arbitrary<NotificationCommand> =>
  fc.oneof(
    fc
      .record({ on: typed, filters: fc.constantFrom(...FILTERS) })
      .map(({ on, filters }) => ({ type: "SetNotification" as const, ...where, ...on, filters })),
    fc
      .record(
        {
          on: typed,
          newRecipient: fc.constantFrom(...WEBHOOKS, ...EMAILS),
          status: fc.constantFrom<NotificationStatus>("active", "inactive"),
        },
        { requiredKeys: ["on"] },
      )
      .map(({ on, ...rest }) => ({ type: "UpdateNotification" as const, ...where, ...on, ...rest })),
    typed.map((on) => ({ type: "DeleteNotification" as const, ...where, ...on })),
  );

/** What the model expects: the refusal's code, or the model after the command. */
function step(model: Model, command: NotificationCommand): string | Model {
  const next = new Map(model);
  const current = model.get(command.recipient);
  switch (command.type) {
    case "SetNotification":
      if (!validRecipient(command.notificationType, command.recipient)) return "notification-recipient-invalid";
      if (!validFilters(command.filters)) return "notification-filter-unsupported";
      next.set(command.recipient, {
        type: command.notificationType,
        status: current?.status ?? "active",
        filters: JSON.stringify(command.filters),
      });
      return next;
    case "UpdateNotification": {
      if (command.newRecipient === undefined && command.status === undefined) return next;
      if (current?.type !== command.notificationType) return "notification-not-found";
      const to = command.newRecipient ?? command.recipient;
      if (to !== command.recipient && !validRecipient(command.notificationType, to)) return "notification-recipient-invalid";
      if (to !== command.recipient && model.has(to)) return "notification-already-exists";
      next.delete(command.recipient);
      next.set(to, { ...current, status: command.status ?? current.status });
      return next;
    }
    case "DeleteNotification":
      if (current?.type !== command.notificationType) return "notification-not-found";
      next.delete(command.recipient);
      return next;
  }
}

const view = (state: NotificationScopeState): Model =>
  new Map([...state.recipients].map(([r, e]) => [r, { type: e.type, status: e.status, filters: JSON.stringify(e.filters) }]));

describe("notifications against a reference model (rules 46-50)", () => {
  it("accept and refuse the same commands, and hold the same notifications, over any sequence", () => {
    fc.assert(
      fc.property(
        scope.chain((where) => fc.array(commandArbitrary(where), { maxLength: 30 })),
        (commands) => {
          let state = notificationDecider.initialState();
          let model: Model = new Map();
          for (const command of commands) {
            const expected = step(model, command);
            const decided = notificationDecider.decide(command, state);
            if (typeof expected === "string") {
              expect(decided._tag === "Left" && decided.left.code).toBe(expected);
              continue;
            }
            expect(decided._tag).toBe("Right");
            if (decided._tag === "Right") state = decided.right.reduce(notificationDecider.evolve, state);
            model = expected;
            // Rule 46: one entry per recipient; every event names the command's scope.
            expect(view(state)).toEqual(model);
            for (const event of decided._tag === "Right" ? decided.right : []) {
              expect(event.data.organization).toBe(command.organization);
              expect(event.data.projectKey).toBe(command.projectKey);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
