import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import { scopeOf } from "../shared/project-scoped.js";
import type { Bookmark, StateBookmarksState } from "./projection.js";

/** A project's state ids in code-unit order (`state list`). */
export function stateIdsOf(state: StateBookmarksState, organization: BillingAccountNumber, projectKey: ProjectKey): string[] {
  return [...(scopeOf(state, organization, projectKey)?.keys() ?? [])].sort(byCodeUnits);
}

/** One bookmark (`state get`), or undefined when none is set. */
export function bookmarkOf(
  state: StateBookmarksState,
  organization: BillingAccountNumber,
  projectKey: ProjectKey,
  stateId: string,
): Bookmark | undefined {
  return scopeOf(state, organization, projectKey)?.get(stateId);
}
