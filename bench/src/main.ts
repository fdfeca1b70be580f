import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BenchArgsError, parseBenchArgs, type BenchArgs } from "./cli-args.js";
import { FULL, QUICK } from "./config.js";
import type { BenchContext, WorkloadGroup } from "./context.js";
import { describeMachine, describeVersions } from "./harness/machine.js";
import { Report, renderReport } from "./harness/report.js";
import { secondsSince } from "./harness/stats.js";
import { startPostgres, type PostgresServer } from "./infra/postgres-server.js";
import { createTempDir } from "./infra/temp-dir.js";
import { limitsGroup } from "./limits/group.js";
import { appendsGroup } from "./workloads/appends.js";
import { cliStartUpGroup } from "./workloads/cli-start-up.js";
import { commandsGroup } from "./workloads/commands.js";
import { replayGroup } from "./workloads/replay.js";
import { cliReadsGroup } from "./workloads/cli-reads.js";
import { evaluateTargets } from "./targets.js";

const GROUPS: readonly (readonly [string, WorkloadGroup])[] = [
  ["limits", limitsGroup],
  ["appends", appendsGroup],
  ["commands", commandsGroup],
  ["replay", replayGroup],
  ["cli", cliStartUpGroup],
  ["reads", cliReadsGroup],
];

/** Groups with PostgreSQL workloads: the server only starts when one of them runs. */
const POSTGRES_GROUPS: readonly string[] = ["commands", "appends"];

const DEFAULT_OUT = fileURLToPath(new URL("../results.json", import.meta.url));

async function runSuite(args: BenchArgs): Promise<number> {
  const config = args.quick ? QUICK : FULL;
  const started = new Date();
  const report = new Report();
  const groupSeconds: Record<string, number> = {};
  const temp = createTempDir();
  let postgres: PostgresServer | undefined;
  let postgresSkipReason = "";
  console.log(`cloud-ledger bench (${config.mode} mode, seed ${config.seed}) — temp dir ${temp.path}`);
  try {
    const needsPostgres =
      (args.only.length === 0 || args.only.some((g) => POSTGRES_GROUPS.includes(g))) &&
      (args.stores.length === 0 || args.stores.includes("postgres"));
    if (needsPostgres) {
      try {
        postgres = await startPostgres();
        console.log(`PostgreSQL: ${postgres.source}`);
      } catch (error) {
        postgresSkipReason = `PostgreSQL could not start: ${error instanceof Error ? error.message : String(error)}`;
        console.log(`SKIPPING every PostgreSQL workload — ${postgresSkipReason}`);
      }
    }
    const context: BenchContext = {
      config,
      report,
      temp,
      postgres,
      postgresSkipReason,
      stores: args.stores,
      childExecArgv: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${fileURLToPath(new URL("../profiles", import.meta.url))}`] : [],
    };
    // Ctrl-C must not leave an embedded PostgreSQL server or the temp dir behind.
    const interrupt = (): void => {
      void (postgres?.stop() ?? Promise.resolve()).finally(() => {
        temp.remove();
        process.exit(130);
      });
    };
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    for (const [name, group] of GROUPS) {
      if (args.only.length > 0 && !args.only.includes(name)) continue;
      console.log(`\n== ${name}`);
      const groupStart = process.hrtime.bigint();
      try {
        await group(context);
      } catch (error) {
        // One broken workload must not hide the others' figures; it is listed as skipped with its error.
        report.skip({ workload: name, store: "-", reason: `failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      groupSeconds[name] = Math.round(secondsSince(groupStart) * 10) / 10;
    }
  } finally {
    await postgres?.stop();
    temp.remove();
  }
  evaluateTargets(report, config);
  const results = {
    date: started.toISOString(),
    mode: config.mode,
    seed: config.seed,
    durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    groupSeconds,
    machine: describeMachine(),
    versions: describeVersions(),
    postgres: postgres?.source ?? (postgresSkipReason === "" ? "not started: no selected workload uses it" : postgresSkipReason),
    rows: report.rows,
    skipped: report.skips,
    targets: report.targets,
    ...report.extras,
  };
  writeFileSync(args.out ?? DEFAULT_OUT, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderReport(report)}\n\nwrote ${args.out ?? DEFAULT_OUT} in ${results.durationSeconds} s`);
  return 0;
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.soak) {
    const { runSoak } = await import("./soak/soak.js");
    return runSoak(args.minutes);
  }
  return runSuite(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof BenchArgsError) {
      console.error(`bench: ${error.message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
