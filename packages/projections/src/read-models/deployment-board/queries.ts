import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import { scopeOf } from "../shared/project-scoped.js";
import type { DeploymentBoardState, DeploymentEntry } from "./projection.js";

export interface DeploymentView {
  readonly deployment: string;
  readonly environment: string;
  readonly gitRev: string;
  readonly commit: string;
  /** The first 7 characters of the commit, as the Meltano Cloud CLI shows it. */
  readonly shortCommit: string;
  readonly lastDeployedAt: string;
  readonly createdAt: string;
}

const view = (deployment: string, d: DeploymentEntry): DeploymentView => ({
  deployment,
  environment: d.environment,
  gitRev: d.gitRev,
  commit: d.commit,
  shortCommit: d.commit.slice(0, 7),
  lastDeployedAt: d.lastDeployedAt,
  createdAt: d.createdAt,
});

/** The project's deployments ordered by name. */
export function deploymentsOf(
  state: DeploymentBoardState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
): readonly DeploymentView[] {
  const deployments = scopeOf(state, billingAccountNumber, projectKey);
  if (deployments === undefined) return [];
  return [...deployments].map(([name, d]) => view(name, d)).sort((a, b) => byCodeUnits(a.deployment, b.deployment));
}

export function deploymentView(
  state: DeploymentBoardState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  deployment: string,
): DeploymentView | undefined {
  const d = scopeOf(state, billingAccountNumber, projectKey)?.get(deployment);
  return d === undefined ? undefined : view(deployment, d);
}
