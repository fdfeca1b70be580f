import { setTimeout as sleep } from "node:timers/promises";

export interface PollingOptions {
  /** Pause between polls when the log is idle, in ms. Default 250. */
  readonly intervalMs?: number;
  /** Called with the error that stopped the loop (a decode or apply failure, a store error). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs `tick` until aborted: immediately again while it made progress, after `intervalMs` when the log was idle.
 * A failing tick stops the loop and is reported to `onError`. The only timer is the abortable sleep, so stopping
 * leaves nothing scheduled.
 */
export async function pollLoop(tick: () => Promise<number>, signal: AbortSignal, options: PollingOptions): Promise<void> {
  const intervalMs = options.intervalMs ?? 250;
  while (!signal.aborted) {
    let progressed: number;
    try {
      progressed = await tick();
    } catch (error) {
      if (!signal.aborted) options.onError?.(error);
      return;
    }
    if (progressed > 0 || signal.aborted) continue;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return; // aborted while sleeping
    }
  }
}
