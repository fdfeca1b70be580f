import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import { scopeOf } from "../shared/project-scoped.js";
import type { ScheduleMatrixState } from "./projection.js";

export interface ScheduleCellView {
  readonly deployment: string;
  readonly schedule: string;
  readonly interval: string;
  readonly enabled: boolean;
  /** The CLI's "Runs / Day" label: `0` for manual-only, `< 1`, or one decimal (`1.0`, `10.3`); `invalid` if unparseable. */
  readonly runsPerDay: string;
}

export interface ScheduleMatrixRow {
  readonly schedule: string;
  /** Aligned with `ScheduleMatrixView.deployments`; null where the schedule is not deployed there. */
  readonly cells: readonly (ScheduleCellView | null)[];
}

export interface ScheduleMatrixView {
  readonly deployments: readonly string[];
  readonly rows: readonly ScheduleMatrixRow[];
}

/** The distinct intervals of the cells `scheduleCells` would list: what needs a runs/day label. */
export function scheduleIntervals(
  state: ScheduleMatrixState,
  billingAccountNumber: string,
  projectKey: string,
  deployment?: string,
): string[] {
  const intervals = new Set<string>();
  for (const [name, cells] of scopeOf(state, billingAccountNumber, projectKey) ?? []) {
    if (deployment === undefined || name === deployment) for (const cell of cells.values()) intervals.add(cell.interval);
  }
  return [...intervals];
}

/**
 * Every (deployment, schedule) of a project, ordered by deployment then schedule, labelled by `label`. Kept free of the
 * cron code: the persisted reader labels from its cache and loads that code only for the labels it lacks.
 */
export function scheduleCells(
  state: ScheduleMatrixState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  deployment: string | undefined,
  label: (interval: string) => string,
): readonly ScheduleCellView[] {
  const deployments = scopeOf(state, billingAccountNumber, projectKey);
  if (deployments === undefined) return [];
  const out: ScheduleCellView[] = [];
  for (const name of [...deployments.keys()].sort(byCodeUnits)) {
    if (deployment !== undefined && name !== deployment) continue;
    const cells = deployments.get(name);
    if (cells === undefined) continue;
    for (const schedule of [...cells.keys()].sort(byCodeUnits)) {
      const c = cells.get(schedule);
      if (c !== undefined)
        out.push({ deployment: name, schedule, interval: c.interval, enabled: c.enabled, runsPerDay: label(c.interval) });
    }
  }
  return out;
}

/** The schedules × deployments grid of a project's cells: e.g. `daily-transforms` enabled on prod, disabled on staging. */
export function matrixOfCells(cells: readonly ScheduleCellView[]): ScheduleMatrixView {
  const deployments = [...new Set(cells.map((c) => c.deployment))];
  const schedules = [...new Set(cells.map((c) => c.schedule))].sort(byCodeUnits);
  const rows = schedules.map((schedule) => ({
    schedule,
    cells: deployments.map((d) => cells.find((c) => c.deployment === d && c.schedule === schedule) ?? null),
  }));
  return { deployments, rows };
}
