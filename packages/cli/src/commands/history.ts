import { Option, type Command } from "commander";
import { historyQueryFromCli, type ExecutionRow, type HistoryCliOptions } from "@cloud-ledger/projections";
import { UsageError } from "../runtime/cli-errors.js";
import { withContext } from "../runtime/command-context.js";
import { noticeTruncated } from "../runtime/paging.js";
import { currentInstant } from "../runtime/now.js";
import { parseLookback, parseName, parsePositiveInteger } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { utcTimestamp } from "./deployment.js";

/** `history`: the project's executions, newest first, with the Meltano Cloud CLI's filters. */
export function registerHistoryCommand(program: Command): void {
  program
    .command("history")
    .description("Execution history, newest first")
    .option("--schedule <name>", "schedule name, exactly", parseName)
    .option("--schedule-prefix <prefix>", "schedule names starting with this")
    .option("--schedule-contains <text>", "schedule names containing this")
    .option("--filter <text>", "alias of --schedule-contains")
    .option("--deployment <name>", "deployment name, exactly", parseName)
    .option("--deployment-prefix <prefix>", "deployment names starting with this")
    .option("--deployment-contains <text>", "deployment names containing this")
    .addOption(new Option("--result <result>", "success, failed or running").choices(["success", "failed", "running"]))
    .addOption(
      new Option("--lookback <expr>", "only executions started within this span, e.g. 1w2d3h4m").argParser((value) => {
        parseLookback(value);
        return value;
      }),
    )
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 10)
    .option("--after <cursor>", "start after this cursor (printed when the history is truncated)")
    .action(function (this: Command, options: HistoryCliOptions & { filter?: string; after?: string }) {
      const { filter, after, ...rest } = options;
      if (filter !== undefined && rest.scheduleContains !== undefined) {
        throw new UsageError("Only one of --schedule, --schedule-prefix, or --schedule-contains can be specified.");
      }
      const query = historyQueryFromCli(filter === undefined ? rest : { ...rest, scheduleContains: filter }, currentInstant());
      if (query._tag === "Left") throw new UsageError(query.left.message);
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        const project = await selectProject(context, organization);
        // Newest first through the persisted (project, executed-at) index: reads about `limit` rows, not the history.
        const views = await context.views();
        const page = await views.history(
          organization.billingAccountNumber,
          project.projectKey,
          after === undefined ? query.right : { ...query.right, after },
        );
        noticeTruncated(context.output, page.next);
        context.output.table<ExecutionRow>({
          columns: [
            { header: "Execution ID", cell: (row) => row.executionId },
            { header: "Schedule Name", cell: (row) => row.schedule },
            { header: "Deployment", cell: (row) => row.deployment },
            { header: "Executed At (UTC)", cell: (row) => utcTimestamp(row.executedAt) },
            { header: "Result", cell: (row) => row.result },
            { header: "Duration", cell: (row) => row.duration },
          ],
          rows: page.rows,
          json: (row) => row,
          empty: "No executions.",
        });
      });
    });
}
