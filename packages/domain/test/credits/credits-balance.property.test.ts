import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  creditsDecider,
  millicreditsOf,
  parsePurchaseAmount,
  type CreditsCommand,
  type CreditsEvent,
  type CreditsState,
} from "@cloud-ledger/domain";
import { ORG, PK } from "../support/fixtures.js";

/*
 * Rule 42's bookkeeping, whatever the order of purchases, charges and retried charges: the balance is exactly what was
 * purchased minus what was consumed (integer thousandths, no drift), and no execution is ever charged twice.
 */

const EXECUTIONS = ["a", "b", "c", "d", "e"].map((c) => c.repeat(32));
const START = Date.parse("2023-08-24T12:00:00.000Z");

const purchase = fc
  .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, thousandths]): CreditsCommand => ({
    type: "PurchaseCredits",
    organization: ORG,
    amount: `${whole}.${String(thousandths).padStart(3, "0")}`,
  }));

const charge = fc
  .record({
    executionId: fc.constantFrom(...EXECUTIONS),
    trigger: fc.constantFrom("adhoc" as const, "scheduled" as const),
    interval: fc.constantFrom(undefined, "@daily", "@hourly", "*/15 * * * *"),
    runtimeMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
  })
  .map(({ executionId, trigger, interval, runtimeMs }): CreditsCommand => ({
    type: "ChargeRun",
    organization: ORG,
    projectKey: PK,
    executionId,
    deployment: "prod",
    schedule: "s",
    trigger,
    ...(interval === undefined ? {} : { interval }),
    startedAt: new Date(START).toISOString(),
    endedAt: new Date(START + runtimeMs).toISOString(),
  }));

describe("credits: balance = purchases - consumption, and never charged twice (property)", () => {
  it("holds after any sequence of purchases and (repeated) charges", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(purchase, charge), { maxLength: 40 }), (commands) => {
        let state: CreditsState = creditsDecider.initialState();
        const log: CreditsEvent[] = [];
        let purchased = 0;
        for (const command of commands) {
          const decided = creditsDecider.decide(command, state);
          if (decided._tag === "Left") {
            // Only a purchase of zero is refused here.
            expect(command.type === "PurchaseCredits" && parsePurchaseAmount(command.amount)._tag).toBe("Left");
            continue;
          }
          for (const event of decided.right) {
            log.push(event);
            state = creditsDecider.evolve(state, event);
          }
          if (command.type === "PurchaseCredits") purchased += millicreditsOf(log[log.length - 1]!.data.credits) ?? NaN;
        }
        const consumedEvents = log.filter((e) => e.type === "CreditsConsumed");
        const consumed = consumedEvents.reduce((sum, e) => sum + (millicreditsOf(e.data.credits) ?? NaN), 0);
        const charged = consumedEvents.map((e) => (e.type === "CreditsConsumed" ? e.data.executionId : ""));
        expect(new Set(charged).size).toBe(charged.length);
        if (purchased === 0) {
          // Unmetered until the first purchase: nothing consumed, nothing kept.
          expect(state.status).toBe("unmetered");
          return;
        }
        expect(state.status).toBe("metered");
        if (state.status !== "metered") return;
        expect(state.balance).toBe(purchased - consumed);
        expect([state.purchased, state.consumed]).toEqual([purchased, consumed]);
        expect(state.runs.frequent + state.runs.infrequent).toBe(consumedEvents.length);
        expect(state.charged.size).toBe(charged.length);
      }),
      { numRuns: 300 },
    );
  });
});
