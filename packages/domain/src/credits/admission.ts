import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";
import { formatCredits } from "./amounts.js";
import type { CreditsState } from "./state.js";

/**
 * Rule 44: an organization whose credits are exhausted (a metered balance at or below zero) runs no pipelines: scheduled
 * ticks and ad-hoc runs alike are refused until credits are purchased. Executions already requested or running finish
 * and are charged. An unmetered organization (no purchase yet) is never refused.
 */
export function admitRun(organization: string, credits: CreditsState): Either<DomainError, void> {
  if (credits.status === "metered" && credits.balance <= 0) {
    return left(DomainErrors.creditsExhausted(organization, formatCredits(credits.balance)));
  }
  return right(undefined);
}
