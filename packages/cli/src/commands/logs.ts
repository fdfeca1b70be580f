import { existsSync } from "node:fs";
import { Option, type Command } from "commander";
import { DomainErrors, executionDecider, executionEventSerde, executionStream, type ExecutionState } from "@cloud-ledger/domain";
import { escapeForDisplay } from "@cloud-ledger/domain/safe-text";
import { openSqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { executionLogPath } from "../runtime/execution-log-file.js";
import { parseExecutionId } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";

/** The execution's state from its own stream; an execution of another project is not found, as in Meltano Cloud. */
async function executionIn(context: CommandContext, executionId: string): Promise<ExecutionState> {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  let state = executionDecider.initialState();
  for (const recorded of await context.store.readStream(executionStream(executionId))) {
    const decoded = executionEventSerde.decode(recorded);
    if (decoded._tag === "Left") throw new CliFailure(`Corrupt event in stream '${recorded.streamName}': ${decoded.left}`, "corrupt-event");
    state = executionDecider.evolve(state, decoded.right);
  }
  if (state.status === "none" || state.organization !== organization.billingAccountNumber || state.projectKey !== project.projectKey) {
    const error = DomainErrors.executionNotFound(executionId);
    throw new CliFailure(error.message, error.code);
  }
  return state;
}

/** `logs print` as in Meltano Cloud: the lines a runner stored for an execution, running or ended. */
export function registerLogsCommands(program: Command): void {
  const logs = program.command("logs").description("Execution logs: print the lines a runner stored for an execution");
  logs
    .command("print")
    .description("Print the logs of an execution (running or ended)")
    .addOption(new Option("--execution-id <id>", "32-hex execution ID").argParser(parseExecutionId).makeOptionMandatory())
    .action(function (this: Command, options: { executionId: string }) {
      return withContext(this, "read", async (context) => {
        const state = await executionIn(context, options.executionId);
        const file = executionLogPath(context.globals.home);
        // No file yet: no runner has written a line in this home, so there is nothing to show (and nothing is created).
        const store = existsSync(file) ? openSqliteExecutionLogStore({ path: file }) : undefined;
        try {
          const lines = store === undefined ? [] : await store.read(options.executionId);
          if (context.output.format === "json") {
            context.output.result("", { executionId: options.executionId, status: state.status, lines });
            return;
          }
          // Process output may hold escape sequences: each line is printed as safe text, like every name.
          const text = [`Fetching logs for execution ${options.executionId}`, ...lines.map((line) => escapeForDisplay(line.text))];
          process.stdout.write(`${text.join("\n")}\n`);
        } finally {
          await store?.close();
        }
      });
    });
}
