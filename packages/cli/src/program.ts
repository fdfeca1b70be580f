import type { Command } from "commander";
import { registerSessionCommands } from "./commands/session.js";
import { registerManifestCommand } from "./commands/manifest.js";
import { registerOrgCommands } from "./commands/org.js";
import { registerProjectCommands } from "./commands/project.js";
import { registerDeploymentCommands } from "./commands/deployment.js";
import { registerScheduleCommands } from "./commands/schedule.js";
import { registerRunCommand } from "./commands/run.js";
import { registerJobCommands } from "./commands/job.js";
import { registerRunnerCommands } from "./commands/runner.js";
import { registerLogsCommands } from "./commands/logs.js";
import { registerSchedulerCommands } from "./commands/scheduler.js";
import { registerNotificationsCommands } from "./commands/notifications.js";
import { persistedOutbox } from "./runtime/notification-outbox.js";
import { registerHistoryCommand } from "./commands/history.js";
import { registerConfigCommands } from "./commands/config.js";
import { registerStateCommands } from "./commands/state.js";
import { registerAuditCommands } from "./commands/audit.js";
import { registerLogCommands } from "./commands/log.js";
import { registerIdsCommands } from "./commands/ids.js";
import { registerDemoCommand } from "./commands/demo.js";
import { createBaseProgram } from "./program-base.js";

/**
 * The whole command tree, every command loaded (for embedders and tests); each command lives in its own file under
 * `commands/` and registers itself here. The binary uses buildProgramFor (lazy-program.ts), which loads only the one
 * command a command line runs; command-groups.ts lists the same commands in the same order.
 */
export function buildProgram(): Command {
  const program = createBaseProgram();
  registerSessionCommands(program);
  registerManifestCommand(program);
  registerOrgCommands(program);
  registerProjectCommands(program);
  registerDeploymentCommands(program);
  registerScheduleCommands(program);
  registerRunCommand(program);
  registerJobCommands(program);
  registerRunnerCommands(program);
  registerLogsCommands(program);
  registerSchedulerCommands(program);
  registerNotificationsCommands(program, persistedOutbox);
  registerHistoryCommand(program);
  registerConfigCommands(program);
  registerStateCommands(program);
  registerAuditCommands(program);
  registerLogCommands(program);
  registerIdsCommands(program);
  registerDemoCommand(program);
  return program;
}
