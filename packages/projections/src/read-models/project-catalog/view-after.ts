import type { BillingAccountNumber, RecordedDomainEvent } from "@cloud-ledger/domain";
import { foldDispatched } from "../shared/fold-dispatched.js";
import { projectCatalog } from "./projection.js";
import { projectsOf, type ProjectView } from "./queries.js";

/**
 * The projects a command's events created in an organization, as `project list` shows them: the catalog's own fold
 * and query over those events alone, so `project create` answers from its result (issue 13).
 */
export function projectsCreatedBy(organization: BillingAccountNumber, events: readonly RecordedDomainEvent[]): readonly ProjectView[] {
  return projectsOf(foldDispatched(projectCatalog, projectCatalog.initialState(), events), organization);
}
