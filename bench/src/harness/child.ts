import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What every child task reports back, besides its own figures. */
export interface ChildOutcome<T> {
  readonly result: T;
  /** The child's peak resident set size (getrusage maxrss), which includes the Node + tsx baseline. */
  readonly peakRssBytes: number;
}

const CHILD_ENTRY = fileURLToPath(new URL("../child-main.ts", import.meta.url));

/**
 * Runs one named task in a fresh Node process so its peak memory is its own and one run's heap never pollutes
 * the next. The child inherits this process's `--conditions=source --import tsx` flags (fork reuses execArgv);
 * `extraExecArgv` adds e.g. `--cpu-prof` when profiling.
 */
export function runInChild<T>(task: string, input: unknown, extraExecArgv: readonly string[] = []): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_ENTRY, [task, JSON.stringify(input)], {
      execArgv: [...process.execArgv, ...extraExecArgv],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let outcome: ChildOutcome<T> | undefined;
    let failure: string | undefined;
    child.on("message", (message: unknown) => {
      const m = message as { ok: boolean; result?: T; peakRssBytes?: number; error?: string };
      if (m.ok && m.result !== undefined) outcome = { result: m.result, peakRssBytes: m.peakRssBytes ?? 0 };
      else failure = m.error ?? "child task failed without a message";
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (outcome !== undefined) resolve(outcome);
      else
        reject(
          new Error(`bench child task '${task}' failed (exit ${String(code)}${signal ? `, ${signal}` : ""}): ${failure ?? "no result"}`),
        );
    });
  });
}
