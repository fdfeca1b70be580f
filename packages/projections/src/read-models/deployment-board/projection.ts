import type { DomainProjection } from "../shared/domain-projection.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import { ensureScope, pruneScope, scopedFromJson, scopedToJson, scopeOf, type ProjectScoped } from "../shared/project-scoped.js";

export interface DeploymentEntry {
  readonly environment: string;
  /** The tracked revision: branch, tag or commit. */
  readonly gitRev: string;
  /** The deployed commit (40 hex). */
  commit: string;
  lastDeployedAt: string;
  readonly createdAt: string;
}

/** Billing account number -> project key -> deployment name -> deployment. */
export type DeploymentBoardState = ProjectScoped<Map<string, DeploymentEntry>>;

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
        ensureScope(state, d.organization, d.projectKey, () => new Map<string, DeploymentEntry>()).set(d.deployment, {
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
        const deployment = scopeOf(state, d.organization, d.projectKey)?.get(d.deployment);
        if (deployment !== undefined) {
          deployment.commit = d.commit;
          deployment.lastDeployedAt = recorded.metadata.occurredAt;
        }
        break;
      }
      case "DeploymentDeleted": {
        const d = event.data;
        scopeOf(state, d.organization, d.projectKey)?.delete(d.deployment);
        pruneScope(state, d.organization, d.projectKey);
        break;
      }
      default:
    }
    return state;
  },
  toJson: (state) => scopedToJson(state, (deployments) => entriesToJson(deployments, (d) => ({ ...d }))),
  fromJson: (json) =>
    scopedFromJson<[string, DeploymentEntry][], Map<string, DeploymentEntry>>(json, "deployment-board", (deployments) =>
      entriesFromJson(deployments, (d) => ({ ...d })),
    ),
};
