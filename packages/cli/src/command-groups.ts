import type { Command } from "commander";

export type Registration = (program: Command) => void;

/** A top-level command as the program's help lists it. */
export interface CommandEntry {
  readonly name: string;
  /** How the help's command list shows it ("run [options] <schedule>"). */
  readonly term: string;
  readonly description: string;
}

/** The commands one file under `commands/` registers, and how to load that file. */
export interface CommandGroup {
  readonly commands: readonly CommandEntry[];
  readonly load: () => Promise<Registration>;
}

const entry = (term: string, description: string): CommandEntry => ({ name: term.split(" ")[0]!, term, description });

/**
 * Every top-level command, in help order, with the file that registers it. A command file is imported only when its
 * command runs (loading them all, and the domain, projections and store adapters behind them, took most of start-up).
 * The names and descriptions here repeat the files' own: packages/cli/test/lazy-program.test.ts checks they agree.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    commands: [
      entry("login [options]", "Record the GitHub identity every following command acts as"),
      entry("logout", "Forget who is logged in (recorded identities stay usable with --as)"),
      entry("whoami", "Show the identity commands act as"),
    ],
    load: async () => (await import("./commands/session.js")).registerSessionCommands,
  },
  {
    commands: [
      entry(
        "manifest [options] <project-root>",
        "Parse a Meltano project (meltano.yml and its include_paths) and show its environments, jobs and schedules",
      ),
    ],
    load: async () => (await import("./commands/manifest.js")).registerManifestCommand,
  },
  {
    commands: [entry("org", "Organizations: create, list, select, GitHub App repositories and members")],
    load: async () => (await import("./commands/org.js")).registerOrgCommands,
  },
  {
    commands: [entry("project", "Projects: a Meltano project in a git repository (repository + root path)")],
    load: async () => (await import("./commands/project.js")).registerProjectCommands,
  },
  {
    commands: [entry("deployment", "Deployments: a Meltano environment of a project, tracking a git revision")],
    load: async () => (await import("./commands/deployment.js")).registerDeploymentCommands,
  },
  {
    commands: [entry("schedule", "Schedules of deployments: list, enable, disable, describe, and the schedule × deployment matrix")],
    load: async () => (await import("./commands/schedule.js")).registerScheduleCommands,
  },
  {
    commands: [entry("run [options] <schedule>", "Run a schedule of a deployment now")],
    load: async () => (await import("./commands/run.js")).registerRunCommand,
  },
  {
    commands: [entry("job", "Executions: stop one, or report a runner's progress (start, finish)")],
    load: async () => (await import("./commands/job.js")).registerJobCommands,
  },
  {
    commands: [entry("runner", "Run requested executions on this machine, or sweep those whose runner vanished")],
    load: async () => (await import("./commands/runner.js")).registerRunnerCommands,
  },
  {
    commands: [entry("logs", "Execution logs: print the lines a runner stored for an execution")],
    load: async () => (await import("./commands/logs.js")).registerLogsCommands,
  },
  {
    commands: [entry("scheduler", "The scheduler: turns enabled schedules' due ticks into executions")],
    load: async () => (await import("./commands/scheduler.js")).registerSchedulerCommands,
  },
  {
    commands: [entry("notifications", "Deliver notifications: webhooks (signed) and email")],
    load: async () => {
      const [{ registerNotificationsCommands }, { persistedOutbox }] = await Promise.all([
        import("./commands/notifications.js"),
        import("./runtime/notification-outbox.js"),
      ]);
      return (program) => registerNotificationsCommands(program, persistedOutbox);
    },
  },
  {
    commands: [entry("history [options]", "Execution history, newest first")],
    load: async () => (await import("./commands/history.js")).registerHistoryCommand,
  },
  {
    commands: [entry("config", "Project configuration")],
    load: async () => (await import("./commands/config.js")).registerConfigCommands,
  },
  {
    commands: [entry("state", "State bookmarks of the project's pipelines: list, get, set, delete")],
    load: async () => (await import("./commands/state.js")).registerStateCommands,
  },
  {
    commands: [entry("audit", "Prove the log: verify it end to end, or show who did what, when")],
    load: async () => (await import("./commands/audit.js")).registerAuditCommands,
  },
  {
    commands: [entry("log", "The event log as NDJSON: export it, or import one into an empty store")],
    load: async () => (await import("./commands/log.js")).registerLogCommands,
  },
  {
    commands: [entry("ids", "Internal organization and project IDs: regenerate them, or show their history")],
    load: async () => (await import("./commands/ids.js")).registerIdsCommands,
  },
  {
    commands: [
      entry(
        "demo [options]",
        "Play the Acme story on a temporary git repository and SQLite store, then show the schedule matrix, the audit trail " +
          "and audit verify",
      ),
    ],
    load: async () => (await import("./commands/demo.js")).registerDemoCommand,
  },
];
