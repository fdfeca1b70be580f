import { accessSync, constants, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { createControlPlane, echo, MAX_TIMEOUT_SECONDS, RunnerId, type ControlPlane, type ControlPlaneCommand } from "@cloud-ledger/domain";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { openSqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";
import {
  createExecutionTracker,
  createLocalProcessRunner,
  createRunnerSupervisor,
  sweepVanishedRunners,
  type LocalCommand,
} from "@cloud-ledger/adapters/runner-local";
import { UsageError } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { executionLogPath } from "../runtime/execution-log-file.js";
import { parsePositiveInteger } from "../runtime/parsers.js";

function parseRunnerId(value: string): string {
  if (!RunnerId.is(value)) {
    throw new InvalidArgumentError(
      `A runner id is 1-100 letters, digits, '.', '_', ':' or '-' (starting with a letter or digit), got '${echo(value)}'.`,
    );
  }
  return value;
}

function onPath(executable: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((folder) => {
    try {
      accessSync(path.join(folder, executable), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** `--command` when given; otherwise Meltano itself, which must then be installed. */
function localCommand(script: string | undefined): LocalCommand {
  if (script !== undefined) return { kind: "shell", script };
  if (onPath("meltano")) return { kind: "meltano" };
  throw new UsageError("meltano is not on PATH: install it, or give the command to run with --command '<shell command>'.");
}

interface Reporter {
  readonly controlPlane: ControlPlane;
  readonly actor: string;
}

/** Reports go out as the platform's runner (`system:runner`), or as the member named by --as (report-executions). */
function reporter(context: CommandContext): Reporter {
  const controlPlane = createControlPlane({
    store: context.store,
    clock: createSystemClock(),
    ids: createIdGenerator(),
    git: createGitResolver(),
    sha256: nodeSha256Hex,
  });
  const actor = context.globals.as === undefined ? "system:runner" : `github:${context.identity().githubUserId}`;
  return { controlPlane, actor };
}

interface RunOptions {
  readonly command?: string;
  readonly projectDir?: string;
  readonly runnerId: string;
  readonly timeout: number;
  readonly lease: number;
  readonly concurrency: number;
  readonly poll: number;
  readonly once?: boolean;
}

const leaseOption = () =>
  new Option("--lease <seconds>", "a runner silent this long has vanished").argParser(parsePositiveInteger).default(30);

/** `runner run` and `runner sweep`: supervised executions on this machine (a local stand-in for Meltano Cloud's tasks). */
export function registerRunnerCommands(program: Command): void {
  const runner = program.command("runner").description("Run requested executions on this machine, or sweep those whose runner vanished");

  runner
    .command("run")
    .description("Run requested executions in the foreground until SIGINT or SIGTERM")
    .option("--command <shell>", "shell command each execution runs (default: meltano schedule run <schedule>, when meltano is on PATH)")
    .option("--project-dir <path>", "folder the command runs in (default: the current folder)")
    .addOption(
      new Option("--runner-id <id>", "this runner's id").argParser(parseRunnerId).default(
        `${
          hostname()
            .replace(/[^A-Za-z0-9._:-]/g, "-")
            .slice(0, 80) || "runner"
        }-${process.pid}`,
      ),
    )
    .addOption(
      new Option("--timeout <seconds>", "stop an execution running longer than this").argParser(parsePositiveInteger).default(3600),
    )
    .addOption(leaseOption())
    .addOption(new Option("--concurrency <n>", "executions run at once").argParser(parsePositiveInteger).default(1))
    .addOption(new Option("--poll <ms>", "how often to look for work").argParser(parsePositiveInteger).default(1000))
    .option("--once", "run what is requested now, wait for it to end, and exit")
    .action(function (this: Command, options: RunOptions) {
      const command = localCommand(options.command);
      if (options.timeout > MAX_TIMEOUT_SECONDS) throw new UsageError(`--timeout is at most 24 days (${MAX_TIMEOUT_SECONDS} seconds).`);
      return withContext(
        this,
        "write",
        async (context) => {
          const { controlPlane, actor } = reporter(context);
          mkdirSync(context.globals.home, { recursive: true });
          const logs = openSqliteExecutionLogStore({ path: executionLogPath(context.globals.home) });
          const notice = (text: string) => context.output.notice(text);
          const supervisor = createRunnerSupervisor({
            controlPlane,
            actor,
            store: context.store,
            runner: createLocalProcessRunner({
              command,
              ...(options.projectDir === undefined ? {} : { cwd: path.resolve(options.projectDir) }),
            }),
            logs,
            leases: logs,
            clock: createSystemClock(),
            ids: createIdGenerator(),
            runnerId: options.runnerId,
            timeoutSeconds: options.timeout,
            leaseSeconds: options.lease,
            concurrency: options.concurrency,
            pollMs: options.poll,
            notice,
          });
          const stop = new AbortController();
          const onSignal = () => stop.abort();
          process.once("SIGINT", onSignal);
          process.once("SIGTERM", onSignal);
          try {
            if (options.once === true) {
              await supervisor.poll();
              await supervisor.idle();
            } else {
              notice(`Runner ${options.runnerId} is waiting for executions (SIGINT or SIGTERM stops it).`);
              await supervisor.run(stop.signal);
              notice(`Runner ${options.runnerId} stopped.`);
            }
          } finally {
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
            await logs.close();
          }
        },
        { actsAsUser: false },
      );
    });

  runner
    .command("sweep")
    .description("Stop executions whose runner sent no heartbeat within the lease (stopped_reason says so)")
    .addOption(leaseOption())
    .addOption(new Option("--runner-id <id>", "the sweeping runner's id").argParser(parseRunnerId).default("sweeper"))
    .action(function (this: Command, options: { lease: number; runnerId: string }) {
      return withContext(
        this,
        "write",
        async (context) => {
          const { controlPlane, actor } = reporter(context);
          mkdirSync(context.globals.home, { recursive: true });
          const leases = openSqliteExecutionLogStore({ path: executionLogPath(context.globals.home) });
          try {
            const tracker = createExecutionTracker(context.store);
            await tracker.catchUp();
            const ids = createIdGenerator();
            const swept = await sweepVanishedRunners({
              tracker,
              leases,
              clock: createSystemClock(),
              leaseSeconds: options.lease,
              runnerId: options.runnerId,
              report: async (command: ControlPlaneCommand) => {
                const outcome = await controlPlane.dispatch({ command, actor, commandId: ids.ulid() });
                return outcome._tag === "Left" ? outcome.left : undefined;
              },
            });
            context.output.result(
              swept.length === 0 ? "No execution's runner has vanished." : `Stopped ${swept.length} execution(s): ${swept.join(", ")}`,
              { swept },
            );
          } finally {
            await leases.close();
          }
        },
        { actsAsUser: false },
      );
    });
}
