/**
 * Where the page worker's code is and how to start it, from the built dist or from the TypeScript sources.
 *
 * Chosen way: a real worker module next to this file, found with `new URL(..., import.meta.url)`.
 * - From dist (tsup), that is dist/sqlite-pages/page-worker.js (its own tsup entry), started as a plain Worker.
 * - From sources (vitest; `node --conditions=source --import tsx` as the bench runs) it is page-worker.ts, which
 *   Node 20 cannot load by itself, and `--import tsx` inherited through execArgv does NOT help: Node 20 does not
 *   apply the loader hooks to a worker's own modules (measured: "Unknown file extension .ts" either way). What
 *   works is registering tsx inside the worker with its API before importing the .ts module, so the worker starts
 *   from a two-line `eval` bootstrap that does exactly that, with tsx's API resolved from here (not from the cwd).
 *   The worker also needs the "source" export condition so `@cloud-ledger/domain` resolves to sources (else it
 *   silently loads a stale dist); vitest and the bench already pass it and a Worker inherits execArgv, so it is
 *   added only when missing.
 * Rejected: an `eval` worker that imports the package by name in every mode — under vitest it would load dist (or
 * need a build first).
 */
import type { WorkerOptions } from "node:worker_threads";

// This module must stay in the same folder as page-worker.ts: the worker's URL is relative to this file's.
const fromSources = import.meta.url.endsWith(".ts");

export interface PageWorkerSpec {
  /** A module URL, or bootstrap code when `options.eval` is true. */
  readonly entry: URL | string;
  readonly options: Pick<WorkerOptions, "eval" | "execArgv">;
}

/** The values given to a flag, as `--flag value` or `--flag=value`. */
function flagValues(args: readonly string[], flags: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    for (const flag of flags) {
      if (arg === flag && i + 1 < args.length) values.push(args[i + 1] as string);
      else if (arg.startsWith(`${flag}=`)) values.push(arg.slice(flag.length + 1));
    }
  }
  return values;
}

export function hasSourceCondition(args: readonly string[]): boolean {
  return flagValues(args, ["--conditions", "-C"]).includes("source");
}

/** Imports tsx's ESM API, registers it, then the worker module; a failure becomes the worker's uncaught error. */
export function sourceBootstrap(tsxApiUrl: string, workerUrl: string): string {
  return `import(${JSON.stringify(tsxApiUrl)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
}

export function pageWorkerSpec(): PageWorkerSpec {
  if (!fromSources) return { entry: new URL("./page-worker.js", import.meta.url), options: {} };
  const workerUrl = new URL("./page-worker.ts", import.meta.url).href;
  const entry = sourceBootstrap(import.meta.resolve("tsx/esm/api"), workerUrl);
  const execArgv = hasSourceCondition(process.execArgv) ? undefined : [...process.execArgv, "--conditions=source"];
  return { entry, options: { eval: true, ...(execArgv === undefined ? {} : { execArgv }) } };
}
