import { Worker } from "node:worker_threads";
import type { RecordedEvent } from "@cloud-ledger/domain";
import type { PageWorkerCommand, PageWorkerInput, PageWorkerMessage } from "./protocol.js";
import { rebuildError } from "./transfer-errors.js";
import { pageWorkerSpec } from "./worker-launch.js";

/** Events per page, as the projections' replay reads them. */
export const DEFAULT_SQLITE_PAGE_SIZE = 2000;
/** Pages the worker may read ahead of the consumer. */
export const DEFAULT_PAGES_AHEAD = 2;

export interface ReadSqlitePagesOptions {
  /** The SQLite event store's file. It must exist: a reader never creates one. */
  readonly path: string;
  /** Exclusive global position to start after (default 0: the whole log). */
  readonly after?: number;
  /** Events per page (default 2000). */
  readonly pageSize?: number;
  /** Pages read ahead of the consumer (default 2): memory stays at about `ahead + 1` pages. */
  readonly ahead?: number;
}

function wholeNumber(value: unknown, name: string, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw new TypeError(`readSqlitePages: ${name} must be a number, got ${typeof value}`);
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`readSqlitePages: ${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

function checkedInput(options: ReadSqlitePagesOptions): PageWorkerInput {
  if (typeof options !== "object" || options === null) throw new TypeError("readSqlitePages: options must be an object with a path");
  const path: unknown = options.path;
  if (typeof path !== "string") throw new TypeError(`readSqlitePages: path must be a string, got ${typeof path}`);
  if (path === "" || path === ":memory:") throw new RangeError(`readSqlitePages: path must name a database file, got '${path}'`);
  return {
    path,
    after: wholeNumber(options.after, "after", 0, 0),
    pageSize: wholeNumber(options.pageSize, "pageSize", 1, DEFAULT_SQLITE_PAGE_SIZE),
    ahead: wholeNumber(options.ahead, "ahead", 1, DEFAULT_PAGES_AHEAD),
  };
}

type Page = readonly RecordedEvent[];
type Waiter = { readonly resolve: (result: IteratorResult<Page>) => void; readonly reject: (error: unknown) => void };
const DONE: IteratorResult<Page> = { done: true, value: undefined };

/**
 * One pass over the log: owns one worker from the first `next()` until the end, an error or `return()`. Pages arrive
 * in order as JSON strings and are parsed only when handed out; handing one out gives the worker one more credit.
 * The worker is ref'd only while a `next()` waits, so an abandoned pass never keeps the process alive.
 */
class PagePass implements AsyncIterator<Page> {
  private worker: Worker | undefined;
  private readonly queued: string[] = [];
  private readonly waiters: Waiter[] = [];
  private ended = false;
  private failure: Error | undefined;
  private closed = false;
  private exited: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;

  constructor(private readonly input: PageWorkerInput) {}

  next(): Promise<IteratorResult<Page>> {
    if (this.closed) return Promise.resolve(DONE);
    let worker = this.worker;
    if (worker === undefined) {
      try {
        worker = this.start();
      } catch (error) {
        // The worker could not even be created (no tsx to run sources, no threads): a failed pass, not a throw.
        this.closed = true;
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const json = this.queued.shift();
    if (json !== undefined) return Promise.resolve(this.handOut(worker, json));
    if (this.failure !== undefined || this.ended) return this.finish();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      worker.ref();
    });
  }

  async return(): Promise<IteratorResult<Page>> {
    this.closed = true;
    this.queued.length = 0;
    await this.stop();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(DONE);
    return DONE;
  }

  private start(): Worker {
    const spec = pageWorkerSpec();
    const worker = new Worker(spec.entry, { ...spec.options, workerData: this.input });
    worker.unref();
    this.exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.on("message", (message: PageWorkerMessage) => this.receive(message));
    // A worker that dies without its own report (a load failure, an uncaught throw) ends the pass with that error.
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      if (!this.ended && this.failure === undefined && !this.closed) this.fail(new Error(`sqlite page worker exited with code ${code} before the end of the log`));
    });
    this.worker = worker;
    return worker;
  }

  private handOut(worker: Worker, json: string): IteratorResult<Page> {
    if (!this.ended && this.failure === undefined) this.command(worker, { type: "credit", pages: 1 });
    return { done: false, value: JSON.parse(json) as Page };
  }

  private receive(message: PageWorkerMessage): void {
    if (this.closed) return;
    if (message.type === "page") {
      const waiter = this.waiters.shift();
      if (waiter === undefined) this.queued.push(message.json);
      else this.settle(waiter, () => this.handOut(this.worker as Worker, message.json));
    } else if (message.type === "end") {
      this.ended = true;
      this.drainWaiters();
    } else {
      this.fail(rebuildError(message.error));
    }
  }

  private fail(error: Error): void {
    if (this.closed || this.ended || this.failure !== undefined) return;
    this.failure = error;
    this.drainWaiters();
  }

  /** With nothing more to come, waiting `next()` calls get the end (or the error, first one only). */
  private drainWaiters(): void {
    if (this.waiters.length === 0) return;
    const [first, ...rest] = this.waiters.splice(0);
    void this.finish().then(first?.resolve, first?.reject);
    for (const waiter of rest) waiter.resolve(DONE);
  }

  /** The last call of a pass: stop the worker first, then report the error once (later calls see the end). */
  private async finish(): Promise<IteratorResult<Page>> {
    const failure = this.failure;
    this.closed = true;
    await this.stop();
    if (failure !== undefined) throw failure;
    return DONE;
  }

  private settle(waiter: Waiter, result: () => IteratorResult<Page>): void {
    if (this.waiters.length === 0) this.worker?.unref();
    waiter.resolve(result());
  }

  private command(worker: Worker, command: PageWorkerCommand): void {
    worker.postMessage(command);
  }

  /**
   * Asks the worker to close its store and exit, and waits until it has: no pass ever leaves a thread running. A
   * worker that already reported its end or error is exiting by itself; the request is then a no-op.
   */
  private stop(): Promise<void> {
    if (this.stopping === undefined) {
      // Ref'd while we wait for its exit: otherwise a caller awaiting return() could see its process end first.
      this.worker?.ref();
      if (this.worker !== undefined) this.command(this.worker, { type: "stop" });
      this.stopping = this.exited.then(() => undefined);
    }
    return this.stopping;
  }
}

/**
 * The SQLite log as pages of events in ascending global position, read ahead by a worker thread that opens the store
 * with `openSqliteEventStore` and calls its `readAll`: the reads, the row decoding and the JSON columns' parsing run
 * on the second core while the consumer folds the previous page. Each page equals the `readAll({ after, limit:
 * pageSize })` page at that point. Options are checked at once (TypeError / RangeError, no worker started); store
 * errors (CorruptEventError, SchemaTooNewError, a missing file) reach the consumer with the same name, message and
 * fields. Every `for await` starts its own worker, stopped at the end, on an error or when the loop breaks.
 */
export function readSqlitePages(options: ReadSqlitePagesOptions): AsyncIterable<readonly RecordedEvent[]> {
  const input = checkedInput(options);
  return { [Symbol.asyncIterator]: () => new PagePass(input) };
}
