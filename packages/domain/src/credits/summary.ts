import { millicreditsOf } from "./amounts.js";
import type { CreditsEvent } from "./events.js";
import { RECENT_CHARGES_KEPT, type CreditsSummary } from "./state.js";

export const UNMETERED: CreditsSummary = { status: "unmetered" };

/**
 * Folds one credits event into the summary: the decider's evolve (which adds the charged set) and the persisted
 * `org credits` rows both use it, so the balance a command decides on and the one a read shows cannot drift.
 */
export function evolveCreditsSummary<S extends CreditsSummary>(summary: S, event: CreditsEvent): S | CreditsSummary {
  const amount = millicreditsOf(event.data.credits) ?? 0;
  if (event.type === "CreditsPurchased") {
    if (summary.status === "unmetered") {
      const { organization } = event.data;
      return {
        status: "metered",
        organization,
        balance: amount,
        purchased: amount,
        consumed: 0,
        runs: { frequent: 0, infrequent: 0 },
        recent: [],
      };
    }
    return { ...summary, balance: summary.balance + amount, purchased: summary.purchased + amount };
  }
  // A consumption is only ever decided on a metered balance; an unmetered summary has nothing to take it from.
  if (summary.status === "unmetered") return summary;
  return {
    ...summary,
    balance: summary.balance - amount,
    consumed: summary.consumed + amount,
    runs: { ...summary.runs, [event.data.runClass]: summary.runs[event.data.runClass] + 1 },
    recent: [event.data, ...summary.recent.slice(0, RECENT_CHARGES_KEPT - 1)],
  };
}
