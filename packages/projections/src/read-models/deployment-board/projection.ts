import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries } from "../shared/json-shape.js";
import { childMap, entriesFromJson, entriesToJson } from "../shared/nested-map.js";

export interface DeploymentEntry {
  readonly environment: string;
  /** The tracked revision: branch, tag or commit. */
  readonly gitRev: string;
  /** The deployed commit (40 hex). */
  commit: string;
  lastDeployedAt: string;
  readonly createdAt: string;
}

/** Project scope key `<billing account number>/<project key>` -> deployment name -> deployment. */
export type DeploymentBoardState = Map<string, Map<string, DeploymentEntry>>;

export const projectScope = (organization: string, projectKey: string): string => `${organization}/${projectKey}`;

/** Per project: each deployment's environment, tracked rev, deployed commit and last deployed time. */
export const deploymentBoard: DomainProjection<DeploymentBoardState> = {
  name: "deployment-board",
  version: 1,
  initialState: () => new Map(),
  apply(state, event, recorded) {
    switch (event.type) {
      case "DeploymentCreated": {
        const d = event.data;
        const at = recorded.metadata.occurredAt;
        childMap(state, projectScope(d.organization, d.projectKey)).set(d.deployment, {
          environment: d.environment,
          gitRev: d.gitRev,
          commit: d.commit,
          lastDeployedAt: at,
          createdAt: at,
        });
        break;
      }
      case "DeploymentRedeployed": {
        const d = event.data;
        const deployment = state.get(projectScope(d.organization, d.projectKey))?.get(d.deployment);
        if (deployment !== undefined) {
          deployment.commit = d.commit;
          deployment.lastDeployedAt = recorded.metadata.occurredAt;
        }
        break;
      }
      case "DeploymentDeleted": {
        const d = event.data;
        const scope = projectScope(d.organization, d.projectKey);
        const deployments = state.get(scope);
        deployments?.delete(d.deployment);
        if (deployments?.size === 0) state.delete(scope);
        break;
      }
      default:
    }
    return state;
  },
  toJson: (state) => entriesToJson(state, (deployments) => entriesToJson(deployments, (d) => ({ ...d }))),
  fromJson: (json) =>
    entriesFromJson(jsonEntries<[string, DeploymentEntry][]>(json, "deployment-board"), (deployments) =>
      entriesFromJson(deployments, (d) => ({ ...d })),
    ),
};
