import {
  deploymentTickKey,
  dueTicks,
  scheduledExecutionIdOf,
  scheduleProgressDecider,
  scheduleProgressEventSerde,
  scheduleProgressKeyOf,
  scheduleProgressStream,
  type Clock,
  type ControlPlane,
  type ControlPlaneCommand,
  type DispatchSuccess,
  type EventStore,
  type ScheduleProgressState,
} from "@cloud-ledger/domain";
import { SchedulePairIndex, type SchedulePair } from "./schedule-pairs.js";

export interface ScheduledRun {
  readonly organization: string;
  readonly projectKey: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly tickId: string;
  readonly executionId: string;
}

export interface MissedTicks {
  readonly organization: string;
  readonly projectKey: string;
  readonly deployment: string;
  readonly schedule: string;
  readonly count: number;
  readonly firstTickId: string;
  readonly lastTickId: string;
}

/** What one pass wrote itself (another scheduler process's writes are its own to report). */
export interface SchedulerPass {
  /** The scheduler clock's reading the pass scheduled up to (inclusive). */
  readonly now: string;
  /** Enabled (deployment, schedule) pairs of deployed deployments the pass looked at. */
  readonly pairs: number;
  readonly requested: readonly ScheduledRun[];
  readonly missed: readonly MissedTicks[];
}

export interface SchedulerOptions {
  readonly controlPlane: ControlPlane;
  readonly store: EventStore;
  readonly clock: Clock;
  /** The platform actor it speaks as; `system:scheduler` is the one the domain lets request scheduled executions. */
  readonly actor?: string;
  /** Milliseconds between passes of `runUntil` (default 5,000). */
  readonly pollIntervalMs?: number;
  /** Called after each pass of `runUntil` with what it wrote (the CLI prints it). */
  readonly onPass?: (pass: SchedulerPass) => void;
}

export interface Scheduler {
  /**
   * One pass: every due tick of every enabled schedule of every deployed deployment, up to the clock's now, becomes
   * exactly one scheduled execution, by the missed-tick policy (the latest due tick of a pair runs; the ones it skipped
   * are recorded as missed). Safe to run in several processes on one store at once.
   */
  tick(): Promise<SchedulerPass>;
  /** Passes every `pollIntervalMs` until the signal aborts; the pass in hand is finished first. */
  runUntil(signal: AbortSignal): Promise<void>;
}

/** A dispatch that failed for a reason other than the domain's refusal (a store fault, a corrupt stream). */
export class SchedulerDispatchError extends Error {
  constructor(
    readonly command: ControlPlaneCommand["type"],
    readonly reason: string,
  ) {
    super(`The scheduler's ${command} failed: ${reason}`);
    this.name = "SchedulerDispatchError";
  }
}

interface Progress {
  readonly version: number;
  readonly state: ScheduleProgressState;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { controlPlane, store, clock } = options;
  const actor = options.actor ?? "system:scheduler";
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const index = new SchedulePairIndex();
  const progress = new Map<string, Progress>();
  // The last tick of each pair whose execution this process has seen requested: a tick taken by a process that died
  // before requesting it is requested by the next pass of any process (the request is idempotent per tick).
  const confirmed = new Map<string, string>();

  async function dispatch(commandId: string, command: ControlPlaneCommand): Promise<DispatchSuccess | undefined> {
    const result = await controlPlane.dispatch({ command, commandId, actor });
    if (result._tag === "Right") return result.right;
    // Refused (the deployment or schedule changed under the index, another process went past the tick) or kept
    // conflicting: the next pass decides again on what the log then says.
    if (result.left.kind === "rejected" || result.left.kind === "conflict") return undefined;
    throw new SchedulerDispatchError(command.type, result.left.message);
  }

  async function progressOf(streamName: string): Promise<ScheduleProgressState> {
    const known = progress.get(streamName) ?? { version: 0, state: scheduleProgressDecider.initialState() };
    const events = await store.readStream(streamName, { fromVersion: known.version + 1 });
    let { state, version } = known;
    for (const event of events) {
      const decoded = scheduleProgressEventSerde.decode(event);
      if (decoded._tag === "Left") throw new SchedulerDispatchError("ClaimScheduledTick", `${streamName}: ${decoded.left}`);
      state = scheduleProgressDecider.evolve(state, decoded.right);
      version = event.version;
    }
    progress.set(streamName, { version, state });
    return state;
  }

  async function request(pair: SchedulePair, tickId: string, requested: ScheduledRun[]): Promise<void> {
    const { organization, projectKey, deployment, schedule } = pair;
    const executionId = scheduledExecutionIdOf(organization, projectKey, deployment, schedule, tickId);
    const done = await dispatch(`scheduler-run-${executionId}`, {
      type: "RequestScheduledExecution",
      organization,
      projectKey,
      deployment,
      schedule,
      tickId,
    });
    if (done !== undefined && !done.duplicate && done.events.some((e) => e.type === "ExecutionRequested")) {
      requested.push({ organization, projectKey, deployment, schedule, tickId, executionId });
    }
  }

  async function passPair(pair: SchedulePair, toMs: number, pass: { requested: ScheduledRun[]; missed: MissedTicks[] }) {
    const { organization, projectKey, deployment, schedule, interval, since } = pair;
    const key = scheduleProgressKeyOf(organization, projectKey, deployment, schedule);
    const streamName = scheduleProgressStream(key);
    const state = await progressOf(streamName);
    if (state.last !== undefined && confirmed.get(streamName) !== state.last.tickId) {
      await request(pair, state.last.tickId, pass.requested);
      confirmed.set(streamName, state.last.tickId);
    }
    const fromMs = Math.max(Date.parse(since), state.last === undefined ? -Infinity : Date.parse(state.last.at) + 1);
    const timing = { deploymentKey: deploymentTickKey(projectKey, deployment), scheduleName: schedule, interval, enabled: true };
    const due = dueTicks({ schedules: [timing], from: iso(fromMs), to: iso(toMs) });
    const latest = due[due.length - 1];
    if (latest === undefined) return;
    const claimed = await dispatch(`scheduler-claim-${key}-${latest.at}`, {
      type: "ClaimScheduledTick",
      organization,
      projectKey,
      deployment,
      schedule,
      tickId: latest.tickId,
      since,
    });
    if (claimed === undefined) return;
    if (!claimed.duplicate) {
      for (const event of claimed.events) {
        if (event.type !== "ScheduledTicksMissed") continue;
        const { count, firstTickId, lastTickId } = event.data;
        pass.missed.push({ organization, projectKey, deployment, schedule, count, firstTickId, lastTickId });
      }
    }
    await request(pair, latest.tickId, pass.requested);
    confirmed.set(streamName, latest.tickId);
  }

  async function tick(): Promise<SchedulerPass> {
    await index.catchUp(store);
    const now = clock.now();
    const toMs = Date.parse(now) + 1;
    const pairs = index.pairs();
    const pass = { requested: [] as ScheduledRun[], missed: [] as MissedTicks[] };
    for (const pair of pairs) await passPair(pair, toMs, pass);
    return { now, pairs: pairs.length, ...pass };
  }

  async function runUntil(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const pass = await tick();
      options.onPass?.(pass);
      await pause(pollIntervalMs, signal);
    }
  }

  return { tick, runUntil };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
