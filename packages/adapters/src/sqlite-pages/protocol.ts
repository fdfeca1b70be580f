import type { TransferredError } from "./transfer-errors.js";

/** What the page worker gets at start-up (validated on the main thread before it starts). */
export interface PageWorkerInput {
  readonly path: string;
  readonly after: number;
  readonly pageSize: number;
  /** Pages the worker may send before it hears back: the consumer's initial credit. */
  readonly ahead: number;
}

/**
 * Main thread -> worker: `credit` — the consumer took `pages` pages off the queue, so the worker may send that many
 * more; `stop` — the consumer left early: close the store and exit.
 */
export type PageWorkerCommand = { readonly type: "credit"; readonly pages: number } | { readonly type: "stop" };

/**
 * Worker -> main thread. A page travels as ONE JSON string: cloning a string across threads is a copy of its bytes,
 * while structured-cloning thousands of event objects costs more than the main thread's one JSON.parse.
 */
export type PageWorkerMessage =
  | { readonly type: "page"; readonly json: string }
  | { readonly type: "end" }
  | { readonly type: "error"; readonly error: TransferredError };
