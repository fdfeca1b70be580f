import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { ExecutionTrigger } from "../execution/events.js";
import { formatCredits, MILLICREDITS_PER_CREDIT, parsePurchaseAmount } from "./amounts.js";
import type { CreditsEvent } from "./events.js";
import { GrowOnlySet } from "./grow-only-set.js";
import { classifyRun, runCharge } from "./run-charge.js";
import type { CreditsState } from "./state.js";
import { evolveCreditsSummary } from "./summary.js";

/** A purchase as typed (decimal credits, e.g. "100" or "12.5"). */
export interface PurchaseCredits {
  readonly type: "PurchaseCredits";
  readonly organization: string;
  readonly amount: string;
}

/** One finished or stopped run, with the recorded times of its start and of its end (see flows/credits.ts). */
export interface ChargeRun {
  readonly type: "ChargeRun";
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly trigger: ExecutionTrigger;
  /** The schedule's interval in its deployment; absent when the deployment no longer has the schedule. */
  readonly interval?: string;
  readonly startedAt: string;
  readonly endedAt: string;
}

/** Decides nothing: pins the balance's version when a write goes with an execution event that costs nothing. */
export interface CheckCredits {
  readonly type: "CheckCredits";
  readonly organization: string;
}

export type CreditsCommand = PurchaseCredits | ChargeRun | CheckCredits;

/** Integers stay exact up to 2^53; a balance of a billion credits is far below that and far above any real one. */
export const MAX_BALANCE_MILLICREDITS = 1_000_000_000 * MILLICREDITS_PER_CREDIT;

type Result = Either<DomainError, readonly CreditsEvent[]>;

function purchase(command: PurchaseCredits, state: CreditsState): Result {
  const amount = parsePurchaseAmount(command.amount);
  if (amount._tag === "Left") return left(DomainErrors.invalidCreditAmount(command.amount, amount.left));
  const balance = state.status === "metered" ? state.balance : 0;
  if (balance + amount.right > MAX_BALANCE_MILLICREDITS) {
    return left(
      DomainErrors.invalidCreditAmount(command.amount, `the balance would exceed ${formatCredits(MAX_BALANCE_MILLICREDITS)} credits`),
    );
  }
  return right([{ type: "CreditsPurchased", data: { organization: command.organization, credits: formatCredits(amount.right) } }]);
}

/**
 * Rule 42. Unmetered organizations are not charged; an execution already charged is not charged again (the flow
 * charges with the execution's finish or stop, which happens once, but a retry must never cost twice either way).
 */
function charge(command: ChargeRun, state: CreditsState): Result {
  if (state.status !== "metered" || state.charged.has(command.executionId)) return right([]);
  const { organization, projectKey, executionId, deployment, schedule, trigger, interval, startedAt, endedAt } = command;
  const runClass = classifyRun(trigger, interval, startedAt);
  const runtimeMs = Date.parse(endedAt) - Date.parse(startedAt);
  const credits = formatCredits(runCharge(runClass, Number.isNaN(runtimeMs) ? 0 : runtimeMs));
  const data = { organization, projectKey, executionId, deployment, schedule, trigger, runClass, startedAt, endedAt, credits };
  return right([{ type: "CreditsConsumed", data: interval === undefined ? data : { ...data, interval } }]);
}

/** An organization's credits: purchases add to the balance, each pipeline run consumes from it (rules 42, 44). */
export const creditsDecider: Decider<CreditsCommand, CreditsEvent, CreditsState, DomainError> = {
  initialState: () => ({ status: "unmetered" }),
  decide(command, state) {
    switch (command.type) {
      case "PurchaseCredits":
        return purchase(command, state);
      case "ChargeRun":
        return charge(command, state);
      case "CheckCredits":
        return right([]);
    }
  },
  evolve(state, event) {
    const summary = evolveCreditsSummary(state, event);
    if (summary.status === "unmetered") return summary;
    const charged = state.status === "metered" ? state.charged : GrowOnlySet.empty;
    return { ...summary, charged: event.type === "CreditsConsumed" ? charged.add(event.data.executionId) : charged };
  },
};
