import type {
  Clock,
  ControlPlane,
  ControlPlaneCommand,
  ControlPlaneFailure,
  EventStore,
  ExecutionLogStore,
  ExecutionRunner,
  ExecutionWork,
  IdGenerator,
  KillCause,
  NewLogLine,
  RunHandle,
  RunnerLeaseStore,
  RunOutcome,
  StopCause,
} from "@cloud-ledger/domain";
import { MAX_TIMEOUT_SECONDS, TimeoutSeconds } from "@cloud-ledger/domain";
import { createExecutionTracker, type ExecutionTracker } from "./execution-tracker.js";
import { sweepVanishedRunners } from "./sweep.js";

export interface RunnerSupervisorOptions {
  readonly controlPlane: ControlPlane;
  readonly store: EventStore;
  readonly runner: ExecutionRunner;
  readonly logs: ExecutionLogStore;
  readonly leases: RunnerLeaseStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** This runner's id: its claims (ExecutionStarted.runnerId) and its leases carry it. */
  readonly runnerId: string;
  /** Who reports: `system:runner` (default) or `github:<id>` of a member holding report-executions. */
  readonly actor?: string;
  /** An execution still running after this many seconds is stopped as timed out. */
  readonly timeoutSeconds: number;
  /** A runner whose last heartbeat is older than this is taken for vanished by a sweep. Default 30. */
  readonly leaseSeconds?: number;
  /** How many executions this runner runs at once. Default 1. */
  readonly concurrency?: number;
  /** How often the loop looks for work and stop requests. Default 1000 ms. */
  readonly pollMs?: number;
  /** Progress for a console ("claimed …", "finished …"); never required. */
  readonly notice?: (message: string) => void;
}

export interface RunnerSupervisor {
  /** One round: catch up with the ledger, pass on stop requests, sweep vanished runners, claim and start new work. */
  poll(): Promise<void>;
  /** Polls until `signal` aborts; then kills what it runs, reports each as stopped by a shutdown, and resolves. */
  run(signal: AbortSignal): Promise<void>;
  /** Settles when every execution this runner started has been reported. */
  idle(): Promise<void>;
}

interface Held {
  readonly work: ExecutionWork;
  readonly handle: RunHandle;
  readonly done: Promise<void>;
}

const REPORT_ATTEMPTS = 5;

const REPORT_CAUSE: Record<KillCause, StopCause> = {
  "timed-out": "timed-out",
  "user-requested": "user-requested",
  shutdown: "runner-shutdown",
};

function failureText(failure: ControlPlaneFailure): string {
  return failure.kind === "rejected" ? `${failure.error.code}: ${failure.error.message}` : `${failure.kind}: ${failure.message}`;
}

/**
 * Runs requested executions through a runner port and reports them to the control plane. Claiming is the domain's:
 * StartExecution carries this runner's id and a second runner is refused (`execution-claimed`), so two supervisors on
 * one ledger never run one execution twice. While a process runs, its lease is renewed and its lines are appended to
 * the log store in batches.
 */
export function createRunnerSupervisor(options: RunnerSupervisorOptions): RunnerSupervisor {
  if (!TimeoutSeconds.is(options.timeoutSeconds)) {
    throw new RangeError(`timeoutSeconds must be a whole number from 1 to ${MAX_TIMEOUT_SECONDS}, got ${String(options.timeoutSeconds)}`);
  }
  const actor = options.actor ?? "system:runner";
  const leaseSeconds = options.leaseSeconds ?? 30;
  const concurrency = options.concurrency ?? 1;
  const pollMs = options.pollMs ?? 1000;
  const notice = options.notice ?? (() => undefined);
  const tracker: ExecutionTracker = createExecutionTracker(options.store);
  const held = new Map<string, Held>();
  let accepting = true;

  /**
   * A report lost to a conflict or a store hiccup would leave the run for a sweep to call vanished, so it is retried
   * under the same command id (a retry of an append that did land records nothing twice). Rejections are final.
   */
  async function report(command: ControlPlaneCommand): Promise<ControlPlaneFailure | undefined> {
    const commandId = options.ids.ulid();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await options.controlPlane.dispatch({ command, commandId, actor });
        if (outcome._tag === "Right" || outcome.left.kind === "rejected" || attempt >= REPORT_ATTEMPTS) {
          return outcome._tag === "Left" ? outcome.left : undefined;
        }
      } catch (error) {
        if (attempt >= REPORT_ATTEMPTS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }

  const heartbeat = (executionId: string) =>
    options.leases.heartbeat({ executionId, runnerId: options.runnerId, heartbeatAt: options.clock.now() });

  async function finish(scope: { organization: string; projectKey: string }, work: ExecutionWork, outcome: RunOutcome): Promise<void> {
    const ref = { ...scope, executionId: work.executionId, runnerId: options.runnerId };
    const command: ControlPlaneCommand =
      outcome.kind === "exited"
        ? { type: "FinishExecution", ...ref, exitCode: Math.min(outcome.exitCode, 255) }
        : outcome.kind === "failed-to-start"
          ? // As a shell answers a command it cannot run.
            { type: "FinishExecution", ...ref, exitCode: 127 }
          : {
              type: "ReportExecutionStopped",
              ...ref,
              cause: REPORT_CAUSE[outcome.cause],
              ...(outcome.cause === "timed-out" ? { timeoutSeconds: options.timeoutSeconds } : {}),
            };
    const failure = await report(command);
    if (failure !== undefined) notice(`Could not report execution ${work.executionId}: ${failureText(failure)}`);
    else notice(`Execution ${work.executionId} ${outcome.kind === "killed" ? `stopped (${outcome.cause})` : "finished"}.`);
  }

  function launch(scope: { organization: string; projectKey: string }, work: ExecutionWork): Held {
    const pending: NewLogLine[] = [];
    let writing = Promise.resolve();
    const flush = () => {
      const batch = pending.splice(0);
      if (batch.length > 0) writing = writing.then(() => options.logs.append(work.executionId, batch));
      return writing;
    };
    const handle = options.runner.start(work, (stream, text) => {
      pending.push({ at: options.clock.now(), stream, text });
      if (pending.length >= 100) void flush();
    });
    const flusher = setInterval(() => void flush(), 200);
    const beats = setInterval(() => void heartbeat(work.executionId).catch(() => undefined), Math.max(100, (leaseSeconds * 1000) / 3));
    const timeout = setTimeout(() => handle.kill("timed-out"), options.timeoutSeconds * 1000);
    const done = handle.outcome
      .then(async (outcome) => {
        clearInterval(flusher);
        clearInterval(beats);
        clearTimeout(timeout);
        if (outcome.kind === "failed-to-start") pending.push({ at: options.clock.now(), stream: "stderr", text: outcome.reason });
        await flush().catch((error: unknown) => notice(`Could not store logs of ${work.executionId}: ${String(error)}`));
        await finish(scope, work, outcome);
        await options.leases.release(work.executionId);
      })
      .catch((error: unknown) => notice(`Could not report execution ${work.executionId}: ${String(error)}`))
      .finally(() => held.delete(work.executionId));
    return { work, handle, done };
  }

  async function claim(): Promise<void> {
    for (const candidate of tracker.requested()) {
      if (!accepting || held.size >= concurrency) return;
      const { state, work } = candidate;
      if (state.status === "none" || work === undefined || held.has(work.executionId)) continue;
      // The lease first: a sweep must never take a just-claimed execution for one whose runner vanished.
      await heartbeat(work.executionId);
      const scope = { organization: state.organization, projectKey: state.projectKey };
      const failure = await report({ type: "StartExecution", ...scope, executionId: work.executionId, runnerId: options.runnerId });
      if (failure !== undefined) {
        await options.leases.release(work.executionId);
        notice(`Skipped execution ${work.executionId}: ${failureText(failure)}`);
        continue;
      }
      notice(`Claimed execution ${work.executionId} (${work.schedule} on ${work.deployment}).`);
      held.set(work.executionId, launch(scope, work));
    }
  }

  async function poll(): Promise<void> {
    await tracker.catchUp();
    for (const [executionId, { handle }] of held) {
      const status = tracker.get(executionId)?.state.status;
      if (status === "stopping") handle.kill("user-requested");
      // Stopped behind its back (a sweep that judged it gone): the process must not outlive its execution.
      if (status === "stopped" || status === "finished") handle.kill("shutdown");
    }
    const { leases, clock, runnerId } = options;
    await sweepVanishedRunners({ leases, clock, runnerId, leaseSeconds, tracker, report, notice, held: new Set(held.keys()) });
    await claim();
  }

  async function idle(): Promise<void> {
    await Promise.all([...held.values()].map((h) => h.done));
  }

  return {
    poll,
    idle,
    async run(signal) {
      while (!signal.aborted) {
        try {
          await poll();
        } catch (error) {
          notice(`Runner round failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
      accepting = false;
      for (const { handle } of held.values()) handle.kill("shutdown");
      await idle();
    },
  };
}
