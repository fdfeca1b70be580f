import { evolveCreditsSummary, UNMETERED, type CreditsSummary } from "@cloud-ledger/domain";
import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries } from "../shared/json-shape.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";

/** Organization (billing account number) -> its credits in brief; an organization never metered has no entry. */
export type CreditsBalanceState = Map<string, CreditsSummary>;

/**
 * Each organization's credit balance, purchases, use and latest charges (`org credits`), folded with the domain's own
 * summary evolve, so what a read shows is what the next run request is admitted on.
 */
export const creditsBalance: DomainProjection<CreditsBalanceState> = {
  name: "credits-balance",
  version: 1,
  initialState: () => new Map(),
  apply(state, event) {
    if (event.type !== "CreditsPurchased" && event.type !== "CreditsConsumed") return state;
    const organization = event.data.organization;
    state.set(organization, evolveCreditsSummary(state.get(organization) ?? UNMETERED, event));
    return state;
  },
  toJson: (state) => entriesToJson(state, (summary) => ({ ...summary })),
  fromJson: (json) => entriesFromJson(jsonEntries<CreditsSummary>(json, "credits-balance"), (summary) => ({ ...summary })),
};

/** An organization's credits; `unmetered` when it never purchased any. */
export function creditsOf(state: CreditsBalanceState, organization: string): CreditsSummary {
  return state.get(organization) ?? UNMETERED;
}
