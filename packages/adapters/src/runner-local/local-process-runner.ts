import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { constants } from "node:os";
import type { ExecutionRunner, ExecutionWork, KillCause, LogStream, RunHandle, RunOutcome } from "@cloud-ledger/domain";

/** What a local runner starts for an execution. */
export type LocalCommand =
  /** A shell script run by `/bin/sh -c` (demos, tests, custom wrappers). */
  | { readonly kind: "shell"; readonly script: string }
  /** `meltano schedule run <schedule>` in the execution's environment, as Meltano Cloud's containers run it. */
  | { readonly kind: "meltano"; readonly executable?: string };

export interface LocalProcessRunnerOptions {
  readonly command: LocalCommand;
  /** Where the process runs (a checkout of the Meltano project). Default: the current folder. */
  readonly cwd?: string;
  /** The environment the process inherits; the execution's facts are added to it. Default: process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long a terminated process may take to exit before it is killed. Default 5 s. */
  readonly killGraceMs?: number;
}

/** The execution's facts, as variables the command can read (`MELTANO_ENVIRONMENT` is Meltano's own). */
export function executionEnvironment(work: ExecutionWork): Record<string, string> {
  return {
    MELTANO_ENVIRONMENT: work.environment,
    CLOUD_LEDGER_EXECUTION_ID: work.executionId,
    CLOUD_LEDGER_DEPLOYMENT: work.deployment,
    CLOUD_LEDGER_SCHEDULE: work.schedule,
    CLOUD_LEDGER_COMMIT: work.commit,
  };
}

function argv(command: LocalCommand, work: ExecutionWork): readonly [string, string[]] {
  return command.kind === "shell"
    ? ["/bin/sh", ["-c", command.script]]
    : [command.executable ?? "meltano", ["--environment", work.environment, "schedule", "run", work.schedule]];
}

/** Signals a whole process group (a shell's children too); the group may already be gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already exited: nothing left to signal.
  }
}

/**
 * Runs each execution as a local process in its own process group, reading stdout and stderr line by line. A kill
 * terminates the group (SIGTERM), then kills it (SIGKILL) after the grace period.
 */
export function createLocalProcessRunner(options: LocalProcessRunnerOptions): ExecutionRunner {
  const killGraceMs = options.killGraceMs ?? 5000;
  return {
    start(work, onLine): RunHandle {
      const [file, args] = argv(options.command, work);
      let killedFor: KillCause | undefined;
      const child = spawn(file, args, {
        cwd: options.cwd ?? process.cwd(),
        env: { ...(options.env ?? process.env), ...executionEnvironment(work) },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      const streamsDone = (["stdout", "stderr"] as const).map((name: LogStream) => {
        const source = child[name];
        if (source === null) return Promise.resolve();
        const lines = createInterface({ input: source, crlfDelay: Infinity });
        lines.on("line", (text) => onLine(name, text));
        return new Promise<void>((resolve) => lines.once("close", resolve));
      });
      const exited = new Promise<RunOutcome>((resolve) => {
        child.once("error", (error) => resolve({ kind: "failed-to-start", reason: error.message }));
        child.once("exit", (code, signal) => {
          if (killedFor !== undefined) return resolve({ kind: "killed", cause: killedFor });
          const signalNumber = signal === null ? 0 : (constants.signals[signal] ?? 0);
          resolve({ kind: "exited", exitCode: code ?? 128 + signalNumber });
        });
      });
      const outcome = exited.then(async (result) => {
        if (result.kind !== "failed-to-start") await Promise.all(streamsDone);
        return result;
      });
      return {
        outcome,
        kill(cause) {
          if (killedFor !== undefined || child.exitCode !== null || child.signalCode !== null) return;
          killedFor = cause;
          signalGroup(child, "SIGTERM");
          const hard = setTimeout(() => signalGroup(child, "SIGKILL"), killGraceMs);
          hard.unref();
          void exited.then(() => clearTimeout(hard));
        },
      };
    },
  };
}
