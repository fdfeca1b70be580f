import type { CreditsSummary, RecordedDomainEvent } from "@cloud-ledger/domain";
import { foldDispatched } from "../shared/fold-dispatched.js";
import { creditsBalance, creditsOf } from "./projection.js";

/**
 * An organization's credits after a command's events, from its credits before them: the read model's own fold, so
 * `org credits purchase` answers from its result (issue 13) as the other write commands do.
 */
export function creditsAfter(organization: string, before: CreditsSummary, events: readonly RecordedDomainEvent[]): CreditsSummary {
  return creditsOf(foldDispatched(creditsBalance, new Map([[organization, before]]), events), organization);
}
