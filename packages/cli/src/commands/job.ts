import { Option, type Command } from "commander";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { parseExecutionId, parseExitCode } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}

const executionOption = (): Option =>
  new Option("--execution-id <id>", "32-hex execution ID").argParser(parseExecutionId).makeOptionMandatory();

/**
 * `job stop` as in Meltano Cloud, plus `job start` / `job finish`: what a runner reports about an execution, recorded
 * as the acting person — how a local control plane plays an execution through without the platform's runners. The
 * domain lets only members holding `report-executions` (maintainers, owners) report, and the events name who did.
 */
export function registerJobCommands(program: Command): void {
  const job = program.command("job").description("Executions: stop one, or report a runner's progress (start, finish)");

  job
    .command("stop")
    .description("Stop a running execution")
    .addOption(executionOption())
    .action(function (this: Command, options: { executionId: string }) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        try {
          await context.dispatch({ type: "StopExecution", ...where, executionId: options.executionId });
        } catch (error) {
          // As in Meltano Cloud: stopping a stopped execution is reported, not failed.
          if (error instanceof CliFailure && error.code === "execution-already-stopped") {
            context.output.notice(error.message);
            if (context.output.format === "json")
              context.output.result("", { executionId: options.executionId, stopped: false, reason: error.message });
            return;
          }
          throw error;
        }
        context.output.notice(`Stopping execution ${options.executionId}...`);
        if (context.output.format === "json") context.output.result("", { executionId: options.executionId, stopped: true });
      });
    });

  job
    .command("start")
    .description("Record that a runner started an execution (as the acting member, who needs the maintainer role)")
    .addOption(executionOption())
    .action(function (this: Command, options: { executionId: string }) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        await context.dispatch({ type: "StartExecution", ...where, executionId: options.executionId });
        context.output.result(`Execution ${options.executionId} is running.`, { executionId: options.executionId, status: "running" });
      });
    });

  job
    .command("finish")
    .description("Record that an execution's process exited (as the acting member, who needs the maintainer role)")
    .addOption(executionOption())
    .addOption(new Option("--exit-code <code>", "the process exit code (0 = success)").argParser(parseExitCode).makeOptionMandatory())
    .action(function (this: Command, options: { executionId: string; exitCode: number }) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        await context.dispatch({ type: "FinishExecution", ...where, executionId: options.executionId, exitCode: options.exitCode });
        context.output.result(`Execution ${options.executionId} finished with exit code ${options.exitCode}.`, {
          executionId: options.executionId,
          status: "finished",
          exitCode: options.exitCode,
        });
      });
    });
}
