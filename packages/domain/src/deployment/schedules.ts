import type { ProjectManifest } from "../manifest/types.js";
import type { DeployedSchedule } from "./events.js";

export interface DeploymentSchedule {
  readonly name: string;
  readonly interval: string;
  readonly enabled: boolean;
}

/**
 * Rule 21: a deployment gets every schedule of the manifest, except those whose `meltano.cloud.environments`
 * annotation is present, non-empty and does not list the deployment's environment.
 */
export function schedulesForEnvironment(manifest: ProjectManifest, environment: string): DeployedSchedule[] {
  return manifest.schedules
    .filter((s) => s.cloudEnvironments === undefined || s.cloudEnvironments.length === 0 || s.cloudEnvironments.includes(environment))
    .map((s) => ({ name: s.name, interval: s.interval }));
}

export interface ScheduleSync {
  /** New schedules; they start disabled (rule 22). */
  readonly added: readonly DeployedSchedule[];
  readonly removed: readonly { readonly name: string; readonly wasEnabled: boolean }[];
  /** Schedules still present keep their enabled flag; their interval follows the manifest. */
  readonly kept: readonly DeploymentSchedule[];
}

/** What a redeploy does to a deployment's schedules. */
export function syncSchedules(current: readonly DeploymentSchedule[], next: readonly DeployedSchedule[]): ScheduleSync {
  const before = new Map(current.map((s) => [s.name, s]));
  const nextNames = new Set(next.map((s) => s.name));
  const added: DeployedSchedule[] = [];
  const kept: DeploymentSchedule[] = [];
  for (const schedule of next) {
    const previous = before.get(schedule.name);
    if (previous === undefined) added.push(schedule);
    else kept.push({ name: schedule.name, interval: schedule.interval, enabled: previous.enabled });
  }
  const removed = current.filter((s) => !nextNames.has(s.name)).map((s) => ({ name: s.name, wasEnabled: s.enabled }));
  return { added, removed, kept };
}
