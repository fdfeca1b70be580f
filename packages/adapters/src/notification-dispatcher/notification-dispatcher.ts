import type {
  Clock,
  ControlPlane,
  ControlPlaneCommand,
  DeliveryJob,
  DeliveryOutbox,
  DeliveryState,
  EventStore,
  MailTransport,
  RetryPolicy,
  WebhookTransport,
} from "@cloud-ledger/domain";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  deliveryDecider,
  deliveryEventSerde,
  deliveryStream,
  systemActor,
  verdictAfter,
} from "@cloud-ledger/domain";
import { attemptDelivery, type AttemptResult } from "./attempt-delivery.js";
import { realTimer, type DispatchTimer } from "./dispatch-timer.js";

export const DISPATCHER_ACTOR = systemActor("notification-dispatcher");

/** What the dispatcher did with one job, as it happens (for a CLI's output or a test's log). */
export type DispatchActivity =
  | {
      readonly kind: "delivered" | "failed" | "given-up";
      readonly idempotencyKey: string;
      readonly attempt: number;
      readonly detail?: string;
    }
  | { readonly kind: "retry-scheduled"; readonly idempotencyKey: string; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: "skipped"; readonly idempotencyKey: string; readonly status: "delivered" | "given-up" }
  | { readonly kind: "error"; readonly idempotencyKey: string; readonly message: string };

export interface DispatchReport {
  readonly delivered: number;
  readonly givenUp: number;
  readonly failedAttempts: number;
  readonly skipped: number;
  readonly errors: number;
}

export interface NotificationDispatcherOptions {
  readonly outbox: DeliveryOutbox;
  /** Records every attempt and outcome as `system:notification-dispatcher`. */
  readonly controlPlane: ControlPlane;
  /** Where delivery streams are read from (the control plane's store). */
  readonly store: Pick<EventStore, "readStream">;
  readonly webhook: WebhookTransport;
  readonly mail: MailTransport;
  /** The signature's timestamp comes from here. */
  readonly clock: Clock;
  /** The recipient's signing secret (the CLI reads its vault); undefined = not stored (yet). */
  readonly signingSecret: (job: DeliveryJob) => Promise<string | undefined>;
  readonly retry?: RetryPolicy;
  /** Jitter source in [0, 1); default Math.random. */
  readonly random?: () => number;
  readonly timer?: DispatchTimer;
  /** Per request (webhook) deadline; default 10 s. */
  readonly requestTimeoutMs?: number;
  readonly pageSize?: number;
  /** How often `run` asks the outbox for new jobs when nothing is due; default 2 s. */
  readonly pollIntervalMs?: number;
  /** Jobs attempted at once; default 4. */
  readonly concurrency?: number;
  readonly onActivity?: (activity: DispatchActivity) => void;
}

export interface NotificationDispatcher {
  /** Delivers until every job the outbox holds now is delivered or given up (waiting out backoffs), or `signal` aborts. */
  drain(signal?: AbortSignal): Promise<DispatchReport>;
  /** Like drain, and then keeps polling the outbox for new jobs until `signal` aborts. */
  run(signal: AbortSignal): Promise<DispatchReport>;
}

interface Due {
  readonly job: DeliveryJob;
  dueAt: number;
}

const INTERRUPTED = "interrupted: the dispatcher stopped before this attempt's outcome was recorded";

/**
 * At-least-once delivery with an exactly-once record. Before each attempt the dispatcher records it (attempt n
 * started), then sends, then records the outcome; a delivery recorded as delivered or given up is never sent again.
 * A crash between sending and recording the outcome leaves an open attempt: the next run records it as interrupted
 * and sends again, so a receiver may see a delivery twice (the idempotency key tells it so) but the ledger says
 * "delivered" once. Retries wait an exponential, jittered backoff; the queue of waiting jobs lives in memory and is
 * rebuilt from the outbox and the delivery streams on start.
 */
export function createNotificationDispatcher(options: NotificationDispatcherOptions): NotificationDispatcher {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const timer = options.timer ?? realTimer;
  const pageSize = options.pageSize ?? 100;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const attemptPorts = {
    webhook: options.webhook,
    mail: options.mail,
    signingSecret: options.signingSecret,
    nowSeconds: () => Math.floor(Date.parse(options.clock.now()) / 1000),
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    userAgent: "cloud-ledger-notifications/1",
  };
  const report = { delivered: 0, givenUp: 0, failedAttempts: 0, skipped: 0, errors: 0 };
  const waiting = new Map<string, Due>();
  const active = new Set<string>();
  let cursor: string | undefined;
  const tell = (activity: DispatchActivity): void => options.onActivity?.(activity);

  async function stateOf(key: string): Promise<DeliveryState> {
    const recorded = await options.store.readStream(deliveryStream(key));
    let state = deliveryDecider.initialState();
    for (const event of recorded) {
      const decoded = deliveryEventSerde.decode(event);
      if (decoded._tag === "Left") throw new Error(`delivery stream of ${key}, version ${event.version}: ${decoded.left}`);
      state = deliveryDecider.evolve(state, decoded.right);
    }
    return state;
  }

  async function record(command: ControlPlaneCommand, commandId: string): Promise<string | undefined> {
    const outcome = await options.controlPlane.dispatch({ command, commandId, actor: DISPATCHER_ACTOR });
    if (outcome._tag === "Right") return undefined;
    const failure = outcome.left;
    return failure.kind === "rejected" ? `${failure.error.code}: ${failure.error.message}` : `${failure.kind}: ${failure.message}`;
  }

  const refOf = (job: DeliveryJob) => ({
    organization: job.scope.organization,
    ...(job.scope.projectKey === undefined ? {} : { projectKey: job.scope.projectKey }),
    idempotencyKey: job.idempotencyKey,
    executionId: job.executionId,
    channel: job.type,
  });

  const outcomeCommand = (job: DeliveryJob, attempt: number, result: AttemptResult): ControlPlaneCommand => ({
    type: "RecordDeliveryOutcome",
    ...refOf(job),
    attempt,
    outcome: result.verdict === "retry" ? "failed" : result.verdict === "give-up" ? "given-up" : "delivered",
    ...(result.statusCode === undefined ? {} : { statusCode: result.statusCode }),
    ...(result.error === undefined ? {} : { error: result.error }),
  });

  /** One attempt of one job; returns when to try again, or undefined when the job is settled (or must wait for a person). */
  async function step(job: DeliveryJob): Promise<number | undefined> {
    const key = job.idempotencyKey;
    const state = await stateOf(key);
    if (state.status === "delivered" || state.status === "given-up") {
      report.skipped += 1;
      tell({ kind: "skipped", idempotencyKey: key, status: state.status });
      return undefined;
    }
    let attempts = state.status === "none" ? 0 : state.attempts;
    if (state.status === "pending" && state.attempts > state.settledAttempts) {
      // A run before this one sent (or was sending) this attempt and stopped before recording how it went.
      const verdict = verdictAfter(state.attempts, "retry", policy);
      const problem = await record(
        outcomeCommand(job, state.attempts, { verdict, error: INTERRUPTED }),
        `delivery:${key}:${state.attempts}:interrupted`,
      );
      if (problem !== undefined) return fail(key, problem);
      if (verdict === "give-up") {
        report.givenUp += 1;
        tell({ kind: "given-up", idempotencyKey: key, attempt: state.attempts, detail: INTERRUPTED });
        return undefined;
      }
    }
    attempts += 1;
    const started = await record({ type: "StartDeliveryAttempt", ...refOf(job), attempt: attempts }, `delivery:${key}:${attempts}:start`);
    if (started !== undefined) return fail(key, started);
    const result = await attemptDelivery(job, attempts, attemptPorts);
    const verdict = verdictAfter(attempts, result.verdict, policy);
    const settled = { ...result, verdict };
    const problem = await record(outcomeCommand(job, attempts, settled), `delivery:${key}:${attempts}:outcome`);
    if (problem !== undefined) return fail(key, problem);
    if (verdict === "delivered") {
      report.delivered += 1;
      tell({ kind: "delivered", idempotencyKey: key, attempt: attempts });
      return undefined;
    }
    if (verdict === "give-up") {
      report.givenUp += 1;
      tell({ kind: "given-up", idempotencyKey: key, attempt: attempts, ...(result.error === undefined ? {} : { detail: result.error }) });
      return undefined;
    }
    report.failedAttempts += 1;
    tell({ kind: "failed", idempotencyKey: key, attempt: attempts, ...(result.error === undefined ? {} : { detail: result.error }) });
    const delayMs = backoffDelayMs(attempts, policy, random);
    tell({ kind: "retry-scheduled", idempotencyKey: key, attempt: attempts + 1, delayMs });
    return timer.now() + delayMs;
  }

  function fail(key: string, message: string): number {
    report.errors += 1;
    tell({ kind: "error", idempotencyKey: key, message });
    // The ledger refused or could not be written: try again after the first backoff step rather than spin.
    return timer.now() + policy.baseDelayMs;
  }

  async function fetchNew(): Promise<boolean> {
    let found = false;
    for (;;) {
      const page = await options.outbox.pending(cursor, pageSize);
      for (const job of page.jobs) {
        if (!waiting.has(job.idempotencyKey)) waiting.set(job.idempotencyKey, { job, dueAt: timer.now() });
        found = true;
      }
      if (page.cursor !== undefined) cursor = page.cursor;
      if (page.jobs.length < pageSize) return found;
    }
  }

  async function work(item: Due): Promise<void> {
    const key = item.job.idempotencyKey;
    active.add(key);
    try {
      const next = await step(item.job);
      if (next === undefined) waiting.delete(key);
      else item.dueAt = next;
    } catch (error) {
      item.dueAt = fail(key, error instanceof Error ? error.message : String(error));
    } finally {
      active.delete(key);
    }
  }

  async function loop(signal: AbortSignal | undefined, keepPolling: boolean): Promise<DispatchReport> {
    let lastPoll = -Infinity;
    while (signal?.aborted !== true) {
      const now = timer.now();
      if (now - lastPoll >= pollIntervalMs || waiting.size === 0) {
        await fetchNew();
        lastPoll = timer.now();
        if (waiting.size === 0 && !keepPolling) break;
      }
      const due = [...waiting.values()].filter((item) => item.dueAt <= timer.now() && !active.has(item.job.idempotencyKey));
      if (due.length > 0) {
        // A fixed number of workers take due jobs in order; each records before it sends, so stopping between is safe.
        const queue = due.slice();
        const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let item = queue.shift(); item !== undefined && signal?.aborted !== true; item = queue.shift()) await work(item);
        });
        await Promise.all(workers);
        continue;
      }
      if (waiting.size === 0 && !keepPolling) break;
      const nextDue = Math.min(...[...waiting.values()].map((item) => item.dueAt));
      const wait = Math.max(0, Math.min(nextDue - timer.now(), keepPolling || waiting.size === 0 ? pollIntervalMs : Infinity));
      await timer.sleep(wait, signal);
    }
    return { ...report };
  }

  return {
    drain: (signal) => loop(signal, false),
    run: (signal) => loop(signal, true),
  };
}
