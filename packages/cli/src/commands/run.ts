import type { Command } from "commander";
import { withContext } from "../runtime/command-context.js";
import { parseName } from "../runtime/parsers.js";
import { selectDeployment, selectOrganization, selectProject } from "../runtime/selection.js";

/** `run <schedule>`: an ad-hoc execution of a schedule of a deployment (the schedule need not be enabled). */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("Run a schedule of a deployment now")
    .argument("<schedule>", "schedule name", parseName)
    .option("--deployment <name>", "deployment (default: the remembered one)", parseName)
    .action(function (this: Command, scheduleName: string, options: { deployment?: string }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const project = await selectProject(context, organization);
        const deployment = selectDeployment(context, organization, project, options.deployment);
        const result = await context.dispatch({
          type: "RunSchedule",
          organization: organization.billingAccountNumber,
          projectKey: project.projectKey,
          deployment,
          schedule: scheduleName,
        });
        const requested = result.events.find((event) => event.type === "ExecutionRequested");
        const executionId = (requested?.data as { executionId?: string } | undefined)?.executionId ?? "";
        context.output.result(`Running a Meltano project in Meltano Cloud. (execution ${executionId})`, {
          executionId,
          deployment,
          schedule: scheduleName,
        });
      });
    });
}
