import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { parseInterval, runsPerDayLabel } from "@cloud-ledger/domain";
import { byCodeUnits } from "../shared/domain-projection.js";
import { instantArgument } from "../shared/query-error.js";
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

export interface ScheduleQueryOptions {
  /** The instant runs per day are counted from (365 days of cron ticks), ISO-8601 with a zone. */
  readonly from: string;
  /** Only this deployment's schedules (the CLI's `schedule list --deployment`). */
  readonly deployment?: string;
}

/** Runs/day labels memoized per interval for one query: counting a year of ticks is the expensive part. */
function labeller(from: string): (interval: string) => string {
  instantArgument("from", from);
  const cache = new Map<string, string>();
  return (interval) => {
    let label = cache.get(interval);
    if (label === undefined) {
      label = parseInterval(interval).ok ? runsPerDayLabel(interval, from) : "invalid";
      cache.set(interval, label);
    }
    return label;
  };
}

/** Every (deployment, schedule) of a project, ordered by deployment then schedule — the CLI's `schedule list`. */
export function scheduleList(
  state: ScheduleMatrixState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  options: ScheduleQueryOptions,
): readonly ScheduleCellView[] {
  const label = labeller(options.from);
  const deployments = scopeOf(state, billingAccountNumber, projectKey);
  if (deployments === undefined) return [];
  const out: ScheduleCellView[] = [];
  for (const deployment of [...deployments.keys()].sort(byCodeUnits)) {
    if (options.deployment !== undefined && deployment !== options.deployment) continue;
    const cells = deployments.get(deployment);
    if (cells === undefined) continue;
    for (const schedule of [...cells.keys()].sort(byCodeUnits)) {
      const c = cells.get(schedule);
      if (c !== undefined) out.push({ deployment, schedule, interval: c.interval, enabled: c.enabled, runsPerDay: label(c.interval) });
    }
  }
  return out;
}

/** The project's schedules × deployments grid: e.g. `daily-transforms` enabled on prod, disabled on staging. */
export function scheduleMatrixView(
  state: ScheduleMatrixState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  options: ScheduleQueryOptions,
): ScheduleMatrixView {
  const cells = scheduleList(state, billingAccountNumber, projectKey, options);
  const deployments = [...new Set(cells.map((c) => c.deployment))];
  const schedules = [...new Set(cells.map((c) => c.schedule))].sort(byCodeUnits);
  const rows = schedules.map((schedule) => ({
    schedule,
    cells: deployments.map((d) => cells.find((c) => c.deployment === d && c.schedule === schedule) ?? null),
  }));
  return { deployments, rows };
}
