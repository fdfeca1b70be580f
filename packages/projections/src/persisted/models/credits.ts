import { evolveCreditsSummary, UNMETERED, type CreditsSummary } from "@cloud-ledger/domain";
import { MODEL, type RowModel } from "./row-model.js";

/** One row per metered organization: its credits in brief, folded by the domain's summary evolve (`org credits`). */
export const creditsRows: RowModel = {
  name: "credits",
  async apply(tx, event) {
    if (event.type !== "CreditsPurchased" && event.type !== "CreditsConsumed") return;
    const organization = event.data.organization;
    const summary = (await tx.get<CreditsSummary>(MODEL.credits, "", organization)) ?? UNMETERED;
    const next = evolveCreditsSummary(summary, event);
    if (next !== summary) tx.put(MODEL.credits, "", organization, next);
  },
};
