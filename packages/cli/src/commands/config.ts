import { Option, type Command } from "commander";
import type { ControlPlaneCommand, DispatchSuccess } from "@cloud-ledger/domain";
import { VaultError } from "@cloud-ledger/adapters/vault";
import { CliFailure } from "../runtime/cli-errors.js";
import { openCliVault } from "../runtime/cli-vault.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { createControlPlaneClient } from "../runtime/control-plane-client.js";
import { readSecretValue, valueOnCommandLine, type SecretValueOptions } from "../runtime/secret-value-source.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parsePositiveInteger, parseSecretName } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { registerNotificationCommands } from "./config-notification.js";

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}

type SecretCommand = Extract<ControlPlaneCommand, { type: "SetSecret" | "DeleteSecret" }>;

/**
 * Runs a secret command through a control plane that has the CLI's vault: the event is appended first, then the
 * value is sealed into the vault. A vault failure after the append is reported as such (the name is recorded, the
 * value is not), never as a success.
 */
async function dispatchWithVault(context: CommandContext, command: SecretCommand): Promise<DispatchSuccess> {
  const vault = await openCliVault(context.globals.home, context.store);
  const client = createControlPlaneClient({ store: context.store, vault });
  try {
    // A vault that cannot take the value (wrong key, edited file) fails the command before anything is recorded.
    await vault.check();
  } catch (error) {
    if (error instanceof VaultError) throw new CliFailure(`The secret vault cannot be used: ${error.message}`, error.code);
    throw error;
  }
  try {
    return await client.dispatch(context.identity(), command);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    const what = command.type === "SetSecret" ? "its value was not stored" : "its value was not removed from the vault";
    const advice = "Run the command again once this is fixed.";
    throw new CliFailure(`The change to '${command.name}' is recorded in the ledger but ${what}: ${error.message} ${advice}`, error.code);
  }
}

/**
 * `config env`: the project's secrets, shared by all its deployments. Values are write-only: no event holds one; they
 * are sealed into the encrypted vault file in the CLI home (see cli-vault.ts) and never printed.
 */
export function registerConfigCommands(program: Command): void {
  const config = program.command("config").description("Project configuration");
  registerNotificationCommands(config);
  const env = config.command("env").description("Secrets (environment variables) of the project");

  env
    .command("set")
    .description("Set or overwrite a secret (its value is never shown again)")
    .addOption(new Option("--key <name>", "variable name").argParser(parseSecretName).makeOptionMandatory())
    .addOption(new Option("--value <value>", "the value (visible to other users in ps and shell history: prefer the next two)"))
    .addOption(new Option("--value-stdin", "read the value from standard input (one final line break is dropped)"))
    .addOption(new Option("--value-env <name>", "read the value from this environment variable"))
    .action(function (this: Command, options: { key: string } & SecretValueOptions) {
      return withContext(this, "write", async (context) => {
        const value = await readSecretValue(options);
        const where = await scope(context);
        await dispatchWithVault(context, { type: "SetSecret", ...where, name: options.key, value });
        if (valueOnCommandLine(options)) {
          context.output.notice(
            "The value was given on the command line, where ps and shell history show it: prefer --value-stdin or --value-env.",
          );
        }
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
        context.output.result(
          shown.join("\n"),
          shown.map((name) => ({ name })),
        );
      });
    });

  env
    .command("delete")
    .description("Delete a secret")
    .argument("<name>", "variable name", parseSecretName)
    .action(function (this: Command, name: string) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        const result = await dispatchWithVault(context, { type: "DeleteSecret", ...where, name });
        if (result.events.length === 0) throw new CliFailure(`No config item named '${name}' is set for this project.`, "secret-not-found");
        context.output.result(`Successfully deleted config item '${name}'.`, { name, deleted: true });
      });
    });
}
