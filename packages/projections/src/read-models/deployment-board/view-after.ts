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
  before: DeploymentView | undefined,
  events: readonly RecordedDomainEvent[],
): DeploymentView | undefined {
  const state: DeploymentBoardState = new Map();
  if (before !== undefined) {
    const { deployment, environment, gitRev, commit, lastDeployedAt, createdAt } = before;
    state.set(organization, new Map([[projectKey, new Map([[deployment, { environment, gitRev, commit, lastDeployedAt, createdAt }]])]]));
  }
  const name = before?.deployment ?? createdName(events, organization, projectKey);
  return name === undefined ? undefined : deploymentView(foldDispatched(deploymentBoard, state, events), organization, projectKey, name);
}

function createdName(events: readonly RecordedDomainEvent[], organization: string, projectKey: string): string | undefined {
  for (const e of events)
    if (e.type === "DeploymentCreated" && e.data.organization === organization && e.data.projectKey === projectKey)
      return e.data.deployment;
  return undefined;
}
