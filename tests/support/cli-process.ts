import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPOSITORY_ROOT } from "./build-packages.js";

export const BUILT_CLI = path.join(REPOSITORY_ROOT, "packages", "cli", "dist", "main.js");

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** CLOUD_LEDGER_HOME: where the session file and the default store live. */
  readonly home: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string;
}

/** Runs the BUILT cloud-ledger binary as a subprocess, the way a user does (`node dist/main.js …`). */
export function runCli(args: readonly string[], options: CliRunOptions): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: options.cwd ?? options.home,
    env: { ...process.env, CLOUD_LEDGER_HOME: options.home, NO_COLOR: "1", ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Parses the JSON a `--format json` command printed, failing with its stderr when it did not succeed. */
export function runCliJson<T = unknown>(args: readonly string[], options: CliRunOptions): T {
  const run = runCli([...args, "--format", "json"], options);
  if (run.status !== 0) throw new Error(`cloud-ledger ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
