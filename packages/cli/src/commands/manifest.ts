import { InvalidArgumentError, Option, type Command } from "commander";
import { loadProjectManifest } from "@cloud-ledger/adapters/manifest-fs";
import {
  echo,
  nextRuns,
  parseInterval,
  runsPerDayLabel,
  type ManifestError,
  type ManifestSchedule,
  type ProjectManifest,
} from "@cloud-ledger/domain";
import { renderMarkdownTable, renderTerminalTable, type Column } from "../output/render-table.js";
import { readGlobals } from "../runtime/global-options.js";
import { CliFailure, UsageError } from "../runtime/cli-errors.js";

const UPCOMING_RUNS = 5;
/** Pins "now" for scripts and tests (the hidden `--now` option wins over it). */
export const NOW_ENV = "CLOUD_LEDGER_NOW";

export interface ManifestReport {
  readonly projectId: string | null;
  readonly defaultEnvironment: string | null;
  readonly environments: readonly { readonly name: string }[];
  readonly jobs: readonly { readonly name: string }[];
  readonly schedules: readonly ScheduleReport[];
  readonly errors: readonly ManifestError[];
}

interface ScheduleReport {
  readonly name: string;
  readonly kind: ManifestSchedule["kind"];
  readonly interval: string;
  /** The Meltano Cloud CLI's "Runs / Day" label; null when the interval is invalid (see errors). */
  readonly runsPerDay: string | null;
  readonly nextRuns: readonly string[];
}

/** `cloud-ledger manifest <project-root>`: what Meltano Cloud would read from a project, and what is wrong with it. */
export function registerManifestCommand(program: Command): void {
  program
    .command("manifest")
    .description("Parse a Meltano project (meltano.yml and its include_paths) and show its environments, jobs and schedules")
    .argument("<project-root>", "the folder holding meltano.yml")
    .addOption(new Option("--now <instant>", "compute upcoming runs from this ISO-8601 instant").argParser(parseInstant).hideHelp())
    .addHelpText(
      "after",
      "\nWith --json: {projectId, defaultEnvironment, environments, jobs, schedules: [{name, kind, interval, runsPerDay, " +
        "nextRuns}], errors: [{file, path, message}]}." +
        "\nExits 1, after printing, when the project cannot be read or has errors.",
    )
    .action(function (this: Command, projectRoot: string, options: { now?: string }) {
      const globals = readGlobals(this);
      const now = options.now ?? instantFromEnv() ?? new Date().toISOString();
      const loaded = loadProjectManifest(projectRoot);
      const report =
        loaded._tag === "Right"
          ? buildManifestReport(loaded.right.manifest, loaded.right.errors, now)
          : buildManifestReport(
              { environments: [], jobs: [], schedules: [] },
              [{ file: "meltano.yml", path: "", message: loaded.left.message }],
              now,
            );
      process.stdout.write(
        `${globals.format === "json" ? JSON.stringify(report, null, 2) : renderReport(report, globals.format === "markdown")}\n`,
      );
      if (loaded._tag === "Left") throw new CliFailure(loaded.left.message, loaded.left.kind);
      if (report.errors.length > 0) {
        throw new CliFailure(
          `The project has ${report.errors.length} manifest error${report.errors.length === 1 ? "" : "s"}`,
          "manifest-invalid",
        );
      }
    });
}

export function buildManifestReport(manifest: ProjectManifest, errors: readonly ManifestError[], now: string): ManifestReport {
  // Many schedules share an interval (large_config_project: 153 × @daily); a year of ticks is worth computing once.
  const timing = new Map<string, { runsPerDay: string | null; nextRuns: readonly string[] }>();
  const timingOf = (interval: string) => {
    let known = timing.get(interval);
    if (known === undefined) {
      known = parseInterval(interval).ok
        ? { runsPerDay: runsPerDayLabel(interval, now), nextRuns: nextRuns(interval, now, UPCOMING_RUNS) }
        : { runsPerDay: null, nextRuns: [] };
      timing.set(interval, known);
    }
    return known;
  };
  return {
    projectId: manifest.projectId ?? null,
    defaultEnvironment: manifest.defaultEnvironment ?? null,
    environments: manifest.environments.map(({ name }) => ({ name })),
    jobs: manifest.jobs.map(({ name }) => ({ name })),
    schedules: manifest.schedules.map(({ name, kind, interval }) => ({ name, kind, interval, ...timingOf(interval) })),
    errors: errors.map(({ file, path, message }) => ({ file, path, message })),
  };
}

const SCHEDULE_COLUMNS: readonly Column<ScheduleReport>[] = [
  { header: "Schedule", cell: (row) => row.name },
  { header: "Kind", cell: (row) => row.kind },
  { header: "Interval", cell: (row) => row.interval },
  { header: "Runs / Day", cell: (row) => row.runsPerDay ?? "invalid" },
  { header: "Next run (UTC)", cell: (row) => (row.nextRuns[0] === undefined ? "-" : row.nextRuns[0].slice(0, 16).replace("T", " ")) },
];

const ERROR_COLUMNS: readonly Column<ManifestError>[] = [
  { header: "File", cell: (row) => row.file },
  { header: "Path", cell: (row) => row.path },
  { header: "Problem", cell: (row) => row.message },
];

function renderReport(report: ManifestReport, markdown: boolean): string {
  const table = <Row>(columns: readonly Column<Row>[], rows: readonly Row[]) =>
    markdown ? renderMarkdownTable(columns, rows) : renderTerminalTable(columns, rows);
  const names = (items: readonly { name: string }[]) => (items.length === 0 ? "(none)" : items.map((item) => item.name).join(", "));
  const lines = [
    `Project ID:          ${report.projectId ?? "(none)"}`,
    `Default environment: ${report.defaultEnvironment ?? "(none)"}`,
    `Environments:        ${names(report.environments)}`,
    `Jobs:                ${names(report.jobs)}`,
    "",
    report.schedules.length === 0 ? "No schedules." : table(SCHEDULE_COLUMNS, report.schedules),
  ];
  if (report.errors.length > 0) lines.push("", `${report.errors.length} error(s):`, table(ERROR_COLUMNS, report.errors));
  return lines.join("\n");
}

function parseInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`Expected an ISO-8601 instant, got '${echo(value)}'.`);
  return new Date(ms).toISOString();
}

function instantFromEnv(): string | undefined {
  const value = process.env[NOW_ENV];
  if (value === undefined || value === "") return undefined;
  try {
    return parseInstant(value);
  } catch {
    throw new UsageError(`${NOW_ENV} must be an ISO-8601 instant, got '${echo(value)}'`);
  }
}
