import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries } from "../shared/json-shape.js";
import { childMap, entriesFromJson, entriesToJson } from "../shared/nested-map.js";
import { projectScope } from "../deployment-board/projection.js";

export interface ScheduleCell {
  interval: string;
  enabled: boolean;
}

/** Project scope `<billing account number>/<project key>` -> deployment -> schedule -> cell. */
export type ScheduleMatrixState = Map<string, Map<string, Map<string, ScheduleCell>>>;

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
        childMap(state, projectScope(d.organization, d.projectKey)).set(d.deployment, cells);
        break;
      }
      case "DeploymentRedeployed": {
        const d = event.data;
        const cells = state.get(projectScope(d.organization, d.projectKey))?.get(d.deployment);
        if (cells === undefined) break;
        for (const s of d.schedulesRemoved) cells.delete(s.name);
        for (const s of d.schedulesKept) cells.set(s.name, { interval: s.interval, enabled: s.enabled });
        for (const s of d.schedulesAdded) cells.set(s.name, { interval: s.interval, enabled: false });
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
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = event.data;
        const cell = state.get(projectScope(d.organization, d.projectKey))?.get(d.deployment)?.get(d.schedule);
        if (cell !== undefined) cell.enabled = event.type === "ScheduleEnabled";
        break;
      }
      default:
    }
    return state;
  },
  toJson: (state) =>
    entriesToJson(state, (deployments) =>
      entriesToJson(deployments, (cells) => entriesToJson(cells, (c) => ({ interval: c.interval, enabled: c.enabled }))),
    ),
  fromJson: (json) =>
    entriesFromJson(jsonEntries<[string, [string, ScheduleCell][]][]>(json, "schedule-matrix"), (deployments) =>
      entriesFromJson(deployments, (cells) => entriesFromJson(cells, (c) => ({ interval: c.interval, enabled: c.enabled }))),
    ),
};
