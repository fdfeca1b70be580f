import { Option, type Command } from "commander";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parsePositiveInteger, parseSecretName } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}

/**
 * `config env`: the project's secrets, shared by all its deployments. Values are write-only: no event holds one, and
 * this local CLI keeps none either (an embedding service passes a SecretVault to the control plane for that).
 */
export function registerConfigCommands(program: Command): void {
  const env = program.command("config").description("Project configuration").command("env").description("Secrets (environment variables) of the project");

  env
    .command("set")
    .description("Set or overwrite a secret (its value is never shown again)")
    .addOption(new Option("--key <name>", "variable name").argParser(parseSecretName).makeOptionMandatory())
    .addOption(new Option("--value <value>", "the value").makeOptionMandatory())
    .action(function (this: Command, options: { key: string; value: string }) {
      return withContext(this, "write", async (context) => {
        await context.dispatch({ type: "SetSecret", ...(await scope(context)), name: options.key, value: options.value });
        context.output.result(`Successfully set config item '${options.key}'.`, { name: options.key, set: true });
      });
    });

  env
    .command("list")
    .description("Names of the project's secrets (values are never shown)")
    .option("--limit <n>", "at most this many names", parsePositiveInteger, 10)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .action(function (this: Command, options: { limit: number; after?: string }) {
      return withContext(this, "read", async (context) => {
        const where = await scope(context);
        const views = await context.views();
        const page = await firstItems((p) => views.secretNames(where.organization, where.projectKey, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        const shown = page.rows;
        context.output.result(shown.join("\n"), shown.map((name) => ({ name })));
      });
    });

  env
    .command("delete")
    .description("Delete a secret")
    .argument("<name>", "variable name", parseSecretName)
    .action(function (this: Command, name: string) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        const result = await context.dispatch({ type: "DeleteSecret", ...where, name });
        if (result.events.length === 0) throw new CliFailure(`No config item named '${name}' is set for this project.`, "secret-not-found");
        context.output.result(`Successfully deleted config item '${name}'.`, { name, deleted: true });
      });
    });
}
