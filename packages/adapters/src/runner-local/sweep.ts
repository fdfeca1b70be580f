import type { Clock, ControlPlaneCommand, ControlPlaneFailure, RunnerLeaseStore } from "@cloud-ledger/domain";
import type { ExecutionTracker } from "./execution-tracker.js";

export interface SweepOptions {
  readonly tracker: ExecutionTracker;
  readonly leases: RunnerLeaseStore;
  readonly clock: Clock;
  /** A runner silent for longer than this has vanished. */
  readonly leaseSeconds: number;
  /** The sweeping runner's id (recorded on the report). */
  readonly runnerId: string;
  readonly report: (command: ControlPlaneCommand) => Promise<ControlPlaneFailure | undefined>;
  /** Executions the sweeping process runs itself (never swept by it). */
  readonly held?: ReadonlySet<string>;
  readonly notice?: (message: string) => void;
}

/**
 * Stops every claimed execution whose runner has been silent for longer than the lease: its last heartbeat (or, with
 * none, its start) is older than `leaseSeconds`. Each is recorded as ReportExecutionStopped with cause
 * `runner-vanished`, so the event states why. Returns the executions it stopped. Call `tracker.catchUp()` first.
 */
export async function sweepVanishedRunners(options: SweepOptions): Promise<readonly string[]> {
  const now = Date.parse(options.clock.now());
  const beats = new Map((await options.leases.leases()).map((lease) => [lease.executionId, lease]));
  const swept: string[] = [];
  for (const { state, startedAt } of options.tracker.claimed()) {
    if (state.status === "none" || options.held?.has(state.executionId) === true) continue;
    const lease = beats.get(state.executionId);
    const lastSign = Math.max(
      lease !== undefined && lease.runnerId === state.runnerId ? Date.parse(lease.heartbeatAt) : -Infinity,
      startedAt === undefined ? -Infinity : Date.parse(startedAt),
    );
    if (now - lastSign <= options.leaseSeconds * 1000) continue;
    const { organization, projectKey, executionId } = state;
    const failure = await options.report({
      type: "ReportExecutionStopped",
      organization,
      projectKey,
      executionId,
      cause: "runner-vanished",
      runnerId: options.runnerId,
    });
    if (failure === undefined) {
      swept.push(executionId);
      await options.leases.release(executionId);
      options.notice?.(`Swept execution ${executionId}: runner '${state.runnerId ?? "?"}' sent no heartbeat.`);
    }
  }
  return swept;
}
