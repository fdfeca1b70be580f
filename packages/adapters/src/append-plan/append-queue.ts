import type { AppendResult } from "@cloud-ledger/domain";
import type { AppendUnit } from "./plan-appends.js";

export type UnitOutcome =
  { readonly ok: true; readonly results: readonly AppendResult[] } | { readonly ok: false; readonly error: unknown };

/** Writes a batch of units in one transaction and returns one outcome per unit, in order; throws if the transaction fails. */
export type BatchWriter = (units: readonly AppendUnit[]) => Promise<readonly UnitOutcome[]>;

export interface AppendQueue {
  /** Queues a unit for the next batch; settles with the unit's own outcome. */
  submit(unit: AppendUnit): Promise<readonly AppendResult[]>;
  /** Resolves once every unit submitted so far has settled. */
  drain(): Promise<void>;
}

/** Units per transaction: enough to fill a commit, few enough that one batch does not hold the write lock for long. */
export const MAX_UNITS_PER_BATCH = 64;

interface Waiting {
  readonly unit: AppendUnit;
  readonly resolve: (results: readonly AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent appends of one process share one transaction, so one disk sync covers them all, while
 * each keeps its own expected-version check and outcome (the writer plans them as sequential appends). A batch is
 * everything submitted before the event loop's next turn (setImmediate), plus, on an asynchronous driver, whatever
 * arrives while the batch before it is in flight. (Sending a lone append at once instead split a loop of writers
 * into two cohorts that alternate, halving the batches.) When a batch's
 * transaction itself fails (a driver or disk error, not a conflict), its units are written again one by one, so a
 * unit's outcome never depends on which others happened to share its batch.
 */
export function createAppendQueue(write: BatchWriter): AppendQueue {
  let pending: Waiting[] = [];
  let busy = false;
  let idle: (() => void)[] = [];

  const settle = (waiting: Waiting, outcome: UnitOutcome | undefined): void => {
    if (outcome === undefined) waiting.reject(new Error("append batch returned no outcome for a unit"));
    else if (outcome.ok) waiting.resolve(outcome.results);
    else waiting.reject(outcome.error);
  };

  const writeBatch = async (batch: readonly Waiting[]): Promise<void> => {
    let outcomes: readonly UnitOutcome[];
    try {
      outcomes = await write(batch.map((w) => w.unit));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const waiting of batch) await writeBatch([waiting]);
      return;
    }
    batch.forEach((waiting, index) => settle(waiting, outcomes[index]));
  };

  const flush = async (): Promise<void> => {
    const batch = pending.slice(0, MAX_UNITS_PER_BATCH);
    pending = pending.slice(batch.length);
    await writeBatch(batch);
    // The next batch waits for the loop's next turn: the writers this batch just answered are still a few microtasks
    // from their next append, and taking the queue at once would split them off into batches of one or two.
    if (pending.length > 0) {
      setImmediate(() => void flush());
      return;
    }
    busy = false;
    const waiters = idle;
    idle = [];
    for (const done of waiters) done();
  };

  const start = (): void => {
    if (busy) return;
    busy = true;
    setImmediate(() => void flush());
  };

  return {
    submit(unit) {
      return new Promise<readonly AppendResult[]>((resolve, reject) => {
        pending.push({ unit, resolve, reject });
        start();
      });
    },
    drain() {
      if (!busy && pending.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
