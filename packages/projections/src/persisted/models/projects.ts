import { MODEL, projectScope, type RowModel } from "./row-model.js";

export type ProjectRow = { name: string; repositoryUrl: string; rootPath: string; internalId: string; createdAt: string };

/** The project catalog, the deployment board and the schedule matrix as rows (per organization / per project). */
export const projectRows: RowModel = {
  name: "project-catalog",
  async apply(tx, event, recorded) {
    const at = recorded.metadata.occurredAt;
    switch (event.type) {
      case "ProjectCreated": {
        const d = event.data;
        tx.put(MODEL.project, d.organization, d.projectKey, {
          name: d.name,
          repositoryUrl: d.repositoryUrl,
          rootPath: d.rootPath,
          internalId: d.internalId,
          createdAt: at,
        });
        return;
      }
      case "ProjectIdRegenerated": {
        const d = event.data;
        const project = await tx.get<ProjectRow>(MODEL.project, d.organization, d.projectKey);
        if (project !== undefined) tx.put(MODEL.project, d.organization, d.projectKey, { ...project, internalId: d.internalId });
        return;
      }
      default:
    }
  },
};

export type DeploymentRow = { environment: string; gitRev: string; commit: string; lastDeployedAt: string; createdAt: string };
/** One deployment's schedules as [name, interval, enabled] (an array: a schedule name is never an object key). */
export type SchedulesRow = [string, string, boolean][];

const cellsOf = (row: SchedulesRow): Map<string, { interval: string; enabled: boolean }> =>
  new Map(row.map(([name, interval, enabled]) => [name, { interval, enabled }]));
const rowOf = (cells: Map<string, { interval: string; enabled: boolean }>): SchedulesRow =>
  [...cells].map(([name, c]) => [name, c.interval, c.enabled]);

export const deploymentRows: RowModel = {
  name: "deployment-board",
  async apply(tx, event, recorded) {
    const at = recorded.metadata.occurredAt;
    switch (event.type) {
      case "DeploymentCreated": {
        const d = event.data;
        const scope = projectScope(d.organization, d.projectKey);
        tx.put(MODEL.deployment, scope, d.deployment, {
          environment: d.environment,
          gitRev: d.gitRev,
          commit: d.commit,
          lastDeployedAt: at,
          createdAt: at,
        });
        tx.put(
          MODEL.schedules,
          scope,
          d.deployment,
          d.schedules.map((s): [string, string, boolean] => [s.name, s.interval, false]),
        );
        return;
      }
      case "DeploymentRedeployed": {
        const d = event.data;
        const scope = projectScope(d.organization, d.projectKey);
        const deployment = await tx.get<DeploymentRow>(MODEL.deployment, scope, d.deployment);
        if (deployment !== undefined)
          tx.put(MODEL.deployment, scope, d.deployment, { ...deployment, commit: d.commit, lastDeployedAt: at });
        const old = await tx.get<SchedulesRow>(MODEL.schedules, scope, d.deployment);
        if (old === undefined) return;
        const cells = cellsOf(old);
        for (const s of d.schedulesRemoved) cells.delete(s.name);
        for (const s of d.schedulesKept) cells.set(s.name, { interval: s.interval, enabled: s.enabled });
        for (const s of d.schedulesAdded) cells.set(s.name, { interval: s.interval, enabled: false });
        tx.put(MODEL.schedules, scope, d.deployment, rowOf(cells));
        return;
      }
      case "DeploymentDeleted": {
        const d = event.data;
        const scope = projectScope(d.organization, d.projectKey);
        tx.delete(MODEL.deployment, scope, d.deployment);
        tx.delete(MODEL.schedules, scope, d.deployment);
        return;
      }
      case "ScheduleEnabled":
      case "ScheduleDisabled": {
        const d = event.data;
        const scope = projectScope(d.organization, d.projectKey);
        const row = await tx.get<SchedulesRow>(MODEL.schedules, scope, d.deployment);
        if (row === undefined) return;
        const cells = cellsOf(row);
        const cell = cells.get(d.schedule);
        if (cell === undefined) return;
        cells.set(d.schedule, { interval: cell.interval, enabled: event.type === "ScheduleEnabled" });
        tx.put(MODEL.schedules, scope, d.deployment, rowOf(cells));
        return;
      }
      default:
    }
  },
};
