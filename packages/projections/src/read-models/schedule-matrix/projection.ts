import type { DomainProjection } from "../shared/domain-projection.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import { ensureScope, pruneScope, scopedFromJson, scopedToJson, scopeOf, type ProjectScoped } from "../shared/project-scoped.js";

export interface ScheduleCell {
  interval: string;
  enabled: boolean;
}

/** Billing account number -> project key -> deployment -> schedule -> cell. */
export type ScheduleMatrixState = ProjectScoped<Map<string, Map<string, ScheduleCell>>>;

/**
 * Per project: each schedule × each deployment -> enabled and interval. A deployment's schedules come only from its
 * events: created all disabled (rule 22), redeploys add (disabled), remove and keep them as the event records.
 */
export const scheduleMatrix: DomainProjection<ScheduleMatrixState> = {
  name: "schedule-matrix",
  version: 1,
  initialState: () => new Map(),
  apply(state, event) {
    switch (event.type) {
      case "DeploymentCreated": {
        const d = event.data;
        const cells = new Map<string, ScheduleCell>();
        for (const s of d.schedules) cells.set(s.name, { interval: s.interval, enabled: false });
        ensureScope(state, d.organization, d.projectKey, () => new Map<string, Map<string, ScheduleCell>>()).set(d.deployment, cells);
        break;
      }
      case "DeploymentRedeployed": {
        const d = event.data;
        const cells = scopeOf(state, d.organization, d.projectKey)?.get(d.deployment);
        if (cells === undefined) break;
        for (const s of d.schedulesRemoved) cells.delete(s.name);
        for (const s of d.schedulesKept) cells.set(s.name, { interval: s.interval, enabled: s.enabled });
        for (const s of d.schedulesAdded) cells.set(s.name, { interval: s.interval, enabled: false });
        break;
      }
      case "DeploymentDeleted": {
        const d = event.data;
        scopeOf(state, d.organization, d.projectKey)?.delete(d.deployment);
        pruneScope(state, d.organization, d.projectKey);
        break;
      }
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = event.data;
        const cell = scopeOf(state, d.organization, d.projectKey)?.get(d.deployment)?.get(d.schedule);
        if (cell !== undefined) cell.enabled = event.type === "ScheduleEnabled";
        break;
      }
      default:
    }
    return state;
  },
  toJson: (state) =>
    scopedToJson(state, (deployments) =>
      entriesToJson(deployments, (cells) => entriesToJson(cells, (c) => ({ interval: c.interval, enabled: c.enabled }))),
    ),
  fromJson: (json) =>
    scopedFromJson<[string, [string, ScheduleCell][]][], Map<string, Map<string, ScheduleCell>>>(json, "schedule-matrix", (deployments) =>
      entriesFromJson(deployments, (cells) => entriesFromJson(cells, (c) => ({ interval: c.interval, enabled: c.enabled }))),
    ),
};
