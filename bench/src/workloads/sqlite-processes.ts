import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import type { BenchContext } from "../context.js";
import { runInChild } from "../harness/child.js";
import { median } from "../harness/stats.js";
import { planMix, runPlan } from "./command-mix.js";
import { createOurDriver, setUpTenant, type Tenant } from "./our-driver.js";

export interface SqliteWriterInput {
  readonly path: string;
  readonly tenant: Tenant;
  readonly writer: number;
  readonly seed: number;
  readonly run: number;
  readonly commands: number;
  /** Wall-clock ms at which every process starts sending, so process start-up is not timed. */
  readonly startAt: number;
}

export interface SqliteWriterResult {
  readonly commands: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** One writer process: its own connection to the shared SQLite file, its own project, the same command mix. */
export async function sqliteWriterTask(input: unknown): Promise<SqliteWriterResult> {
  const { path, tenant, writer, seed, run, commands, startAt } = input as SqliteWriterInput;
  const store = openSqliteEventStore({ path });
  try {
    const driver = createOurDriver(store, tenant, writer, seed * 1000 + writer);
    const plan = planMix(seed, writer, run, commands);
    const wait = startAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const startedAt = Date.now();
    const sent = await runPlan(plan, driver);
    return { commands: sent, startedAt, endedAt: Date.now() };
  } finally {
    await store.close();
  }
}

/**
 * Command throughput with several writer processes on one SQLite file (BEGIN IMMEDIATE serialises their appends):
 * the deployment model of a CLI or several service instances sharing a file. Rate = all commands / wall time.
 */
export async function measureSqliteProcesses(context: BenchContext, processes: number): Promise<{ perSecond: number; runs: number[] }> {
  const { config, temp } = context;
  const rates: number[] = [];
  // Each run starts fresh processes (a second of start-up each), so this runs as often as the log workloads do.
  for (let run = 0; run < config.logRuns; run += 1) {
    const path = temp.file(`commands-processes-${processes}-${run}.db`);
    const setup = openSqliteEventStore({ path });
    const tenant = await setUpTenant(setup, config.seed + run, processes);
    await setup.close();
    // Child start-up (Node + tsx) takes about a second; everyone starts together after it.
    const startAt = Date.now() + 2_500;
    const commands = Math.ceil(config.commandsPerRun / processes);
    const results = await Promise.all(
      Array.from({ length: processes }, (_, writer) =>
        runInChild<SqliteWriterResult>("sqlite-writer", {
          path,
          tenant,
          writer,
          seed: config.seed,
          run,
          commands,
          startAt,
        } satisfies SqliteWriterInput),
      ),
    );
    const total = results.reduce((sum, r) => sum + r.result.commands, 0);
    // On a loaded machine a child may start after startAt: time from the first real start to the last end.
    const seconds = (Math.max(...results.map((r) => r.result.endedAt)) - Math.min(...results.map((r) => r.result.startedAt))) / 1000;
    rates.push(total / seconds);
  }
  return { perSecond: median(rates), runs: rates };
}
