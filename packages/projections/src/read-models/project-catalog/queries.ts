import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import type { ProjectCatalogState, ProjectEntry } from "./projection.js";

export interface ProjectView {
  readonly projectKey: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  /** The current internal project id (it may be regenerated at any time). */
  readonly internalId: string;
  readonly createdAt: string;
}

const view = (projectKey: ProjectKey, p: ProjectEntry): ProjectView => ({ projectKey, ...p });

/** The organization's projects ordered by name, then key (duplicate display names can exist, rule 6 note). */
export function projectsOf(state: ProjectCatalogState, billingAccountNumber: BillingAccountNumber): readonly ProjectView[] {
  const projects = state.get(billingAccountNumber);
  if (projects === undefined) return [];
  return [...projects]
    .map(([key, p]) => view(key, p))
    .sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.projectKey, b.projectKey));
}

export function projectView(
  state: ProjectCatalogState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
): ProjectView | undefined {
  const project = state.get(billingAccountNumber)?.get(projectKey);
  return project === undefined ? undefined : view(projectKey, project);
}

/** Projects whose display name is exactly `name` (case- and space-sensitive, rule 6). */
export function projectsNamed(
  state: ProjectCatalogState,
  billingAccountNumber: BillingAccountNumber,
  name: string,
): readonly ProjectView[] {
  return projectsOf(state, billingAccountNumber).filter((p) => p.name === name);
}
