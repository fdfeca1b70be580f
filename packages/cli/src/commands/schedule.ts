import { Option, type Command } from "commander";
import type { ScheduleCellView, ScheduleMatrixRow, ScheduleMatrixView } from "@cloud-ledger/projections";
import type { Listing } from "../output/output.js";
import { echo } from "@cloud-ledger/domain";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { currentInstant } from "../runtime/now.js";
import { parseInstant, parseName, parsePositiveInteger } from "../runtime/parsers.js";
import { selectDeployment, selectOrganization, selectProject } from "../runtime/selection.js";

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization, project, org: organization.billingAccountNumber, projectKey: project.projectKey };
}

const enabledText = (enabled: boolean): string => (enabled ? "True" : "False");

export function registerScheduleCommands(program: Command): void {
  const schedule = program
    .command("schedule")
    .description("Schedules of deployments: list, enable, disable, describe, and the schedule × deployment matrix");

  for (const [name, type, enabled] of [
    ["enable", "EnableSchedule", true],
    ["disable", "DisableSchedule", false],
  ] as const) {
    schedule
      .command(name)
      .description(`${enabled ? "Enable" : "Disable"} a schedule in one deployment (other deployments are not affected)`)
      .addOption(new Option("--schedule <name>", "schedule name from meltano.yml").argParser(parseName).makeOptionMandatory())
      .option("--deployment <name>", "deployment (default: the remembered one)", parseName)
      .action(function (this: Command, options: { schedule: string; deployment?: string }) {
        return withContext(this, "write", async (context) => {
          const { organization, project, org, projectKey } = await scope(context);
          const deployment = selectDeployment(context, organization, project, options.deployment);
          const result = await context.dispatch({ type, organization: org, projectKey, deployment, schedule: options.schedule });
          const changed = result.events.length > 0;
          context.output.result(
            `${changed ? (enabled ? "Enabled" : "Disabled") : enabled ? "Already enabled:" : "Already disabled:"} schedule ` +
              `'${options.schedule}' in deployment '${deployment}'.`,
            { deployment, schedule: options.schedule, enabled, changed },
          );
        });
      });
  }

  schedule
    .command("list")
    .description("Schedules with their interval, runs per day and whether they are enabled")
    .option("--deployment <name>", "only this deployment's schedules", parseName)
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 10)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .option("--as-of <time>", "the schedules as they stood at this ISO-8601 time", parseInstant)
    .action(function (this: Command, options: { deployment?: string; limit: number; after?: string; asOf?: string }) {
      return withContext(this, "read", async (context) => {
        const { org, projectKey } = await scope(context);
        const views = options.asOf === undefined ? await context.views() : await context.views({ occurredAt: options.asOf });
        const query = { from: currentInstant(), ...(options.deployment === undefined ? {} : { deployment: options.deployment }) };
        const page = await firstItems((p) => views.schedules(org, projectKey, query, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        context.output.table<ScheduleCellView>({
          columns: [
            { header: "Deployment", cell: (row) => row.deployment },
            { header: "Schedule", cell: (row) => row.schedule },
            { header: "Interval", cell: (row) => row.interval },
            { header: "Runs / Day", cell: (row) => row.runsPerDay },
            { header: "Enabled", cell: (row) => enabledText(row.enabled) },
          ],
          rows: page.rows,
          json: (row) => row,
          empty: "No schedules.",
        });
      });
    });

  schedule
    .command("matrix")
    .description("Every schedule against every deployment: enabled, disabled, or not deployed there")
    .action(function (this: Command) {
      return withContext(this, "read", async (context) => {
        const { org, projectKey } = await scope(context);
        const matrix = await (await context.views()).scheduleMatrix(org, projectKey, { from: currentInstant() });
        context.output.table(matrixListing(matrix));
      });
    });

  schedule
    .command("describe")
    .description("A schedule of a deployment, with its upcoming runs when enabled")
    .addOption(new Option("--deployment <name>", "deployment").argParser(parseName).makeOptionMandatory())
    .addOption(new Option("--schedule <name>", "schedule").argParser(parseName).makeOptionMandatory())
    .option("--num-upcoming <n>", "how many upcoming runs to show", parsePositiveInteger, 10)
    .option("--only-upcoming", "print only the upcoming run times", false)
    .action(function (this: Command, options: { deployment: string; schedule: string; numUpcoming: number; onlyUpcoming: boolean }) {
      return withContext(this, "read", async (context) => {
        const { org, projectKey } = await scope(context);
        const now = currentInstant();
        const views = await context.views();
        const cells = await firstItems(
          (p) => views.schedules(org, projectKey, { from: now, deployment: options.deployment }, p),
          Number.MAX_SAFE_INTEGER,
        );
        const cell = cells.rows.find((candidate) => candidate.schedule === options.schedule);
        if (cell === undefined) {
          throw new CliFailure(
            `Unable to find schedule named '${echo(options.schedule)}' within a deployment named '${echo(options.deployment)}'`,
            "schedule-not-found",
          );
        }
        // A disabled schedule never has upcoming runs (rule 29).
        const upcoming = cell.enabled ? (await import("./schedule-upcoming.js")).nextRuns(cell.interval, now, options.numUpcoming) : [];
        const json = { ...cell, nextRuns: upcoming };
        const lines = upcoming.map((at) => utc(at));
        if (options.onlyUpcoming) {
          context.output.result(lines.join("\n"), json);
          return;
        }
        const header = cell.enabled
          ? [`Approximate starting date and time (UTC) of next ${upcoming.length} scheduled runs:`, ...lines]
          : [];
        context.output.details(
          [
            ["Deployment name", cell.deployment],
            ["Schedule name", cell.schedule],
            ["Interval", cell.interval],
            ["Runs / Day", cell.runsPerDay],
            ["Enabled", enabledText(cell.enabled)],
          ],
          json,
          header,
        );
      });
    });
}

/** The schedule × deployment grid as a table: `enabled`, `disabled`, or `-` where the schedule is not deployed. */
export function matrixListing(matrix: ScheduleMatrixView): Listing<ScheduleMatrixRow> {
  return {
    columns: [
      { header: "Schedule", cell: (row) => row.schedule },
      { header: "Interval", cell: (row) => row.cells.find((cell) => cell !== null)?.interval ?? "" },
      ...matrix.deployments.map((deployment, index) => ({
        header: deployment,
        cell: (row: ScheduleMatrixRow) => {
          const cell = row.cells[index];
          return cell === null || cell === undefined ? "-" : cell.enabled ? "enabled" : "disabled";
        },
      })),
    ],
    rows: matrix.rows,
    json: (row) => ({
      schedule: row.schedule,
      deployments: Object.fromEntries(matrix.deployments.map((d, i) => [d, row.cells[i] ?? null])),
    }),
    empty: "No schedules.",
  };
}

function utc(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+Z$/, "")
    .replace(/Z$/, "");
}
