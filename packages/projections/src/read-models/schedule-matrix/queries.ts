import type { BillingAccountNumber, ProjectKey } from "@cloud-ledger/domain";
import { instantArgument } from "../shared/query-error.js";
import type { ScheduleMatrixState } from "./projection.js";
import { runsPerDayCell } from "./cell-label.js";
import { matrixOfCells, scheduleCells, type ScheduleCellView, type ScheduleMatrixView } from "./schedule-cells.js";

export type { ScheduleCellView, ScheduleMatrixRow, ScheduleMatrixView } from "./schedule-cells.js";

export interface ScheduleQueryOptions {
  /** Runs per day are counted over 365 days from the start (UTC) of the day this instant falls on (ISO-8601 with a zone). */
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
      label = runsPerDayCell(interval, from);
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
  return scheduleCells(state, billingAccountNumber, projectKey, options.deployment, labeller(options.from));
}

/** The project's schedules × deployments grid: e.g. `daily-transforms` enabled on prod, disabled on staging. */
export function scheduleMatrixView(
  state: ScheduleMatrixState,
  billingAccountNumber: BillingAccountNumber,
  projectKey: ProjectKey,
  options: ScheduleQueryOptions,
): ScheduleMatrixView {
  return matrixOfCells(scheduleList(state, billingAccountNumber, projectKey, options));
}
