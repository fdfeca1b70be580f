import type { BillingAccountNumber, ProjectKey, RecordedDomainEvent } from "@cloud-ledger/domain";
import { foldDispatched } from "../shared/fold-dispatched.js";
import { deploymentBoard, type DeploymentBoardState } from "./projection.js";
import { deploymentView, type DeploymentView } from "./queries.js";

/**
 * A deployment's view after a command's events, from its view before them (undefined for a new deployment): the
 * board's own fold and query, so `deployment create|update` answer from their result (issue 13).
 */
export function deploymentViewAfter(
  organization: BillingAccountNumber,
  projectKey: ProjectKey,
  deployment: string,
  before: DeploymentView | undefined,
  events: readonly RecordedDomainEvent[],
): DeploymentView | undefined {
  const state: DeploymentBoardState = new Map();
  if (before !== undefined) {
    const { environment, gitRev, commit, lastDeployedAt, createdAt } = before;
    state.set(organization, new Map([[projectKey, new Map([[deployment, { environment, gitRev, commit, lastDeployedAt, createdAt }]])]]));
  }
  return deploymentView(foldDispatched(deploymentBoard, state, events), organization, projectKey, deployment);
}
