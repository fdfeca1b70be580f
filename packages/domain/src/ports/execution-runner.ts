/**
 * The runner port: runs the work of one execution (a Meltano command in Meltano Cloud's containers; here whatever the
 * adapter starts) and says how it ended. The supervisor around it reports to the control plane; the port never does.
 */

/** What an execution runs, as its ExecutionRequested event recorded it. */
export interface ExecutionWork {
  readonly executionId: string;
  readonly deployment: string;
  readonly environment: string;
  readonly schedule: string;
  readonly commit: string;
}

export type LogStream = "stdout" | "stderr";

/** Why the supervisor ended a process before it exited on its own. */
export type KillCause = "timed-out" | "user-requested" | "shutdown";

export type RunOutcome =
  /** The process exited by itself with this code (a signal death is reported as 128 + the signal number). */
  | { readonly kind: "exited"; readonly exitCode: number }
  /** The supervisor killed it (see `KillCause`). */
  | { readonly kind: "killed"; readonly cause: KillCause }
  /** It could not be started at all (e.g. the command is not installed): the text says why. */
  | { readonly kind: "failed-to-start"; readonly reason: string };

export interface RunHandle {
  /** Ends the process (terminate, then kill after a grace period); the outcome then says `killed` with this cause. */
  kill(cause: KillCause): void;
  /** Settles once the process is gone and every output line was passed to `onLine`. Never rejects. */
  readonly outcome: Promise<RunOutcome>;
}

export interface ExecutionRunner {
  /** Starts the work; each complete output line (without its line break) goes to `onLine` in order per stream. */
  start(work: ExecutionWork, onLine: (stream: LogStream, text: string) => void): RunHandle;
}
