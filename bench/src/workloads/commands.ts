import type { EventStore as EmmettStore } from "@event-driven-io/emmett";
import { getInMemoryEventStore } from "@event-driven-io/emmett";
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import type { BenchContext, WorkloadGroup } from "../context.js";
import { setUpEmmettTenant } from "../emmett/context-deciders.js";
import { createEmmettDriver } from "../emmett/emmett-driver.js";
import { median, secondsSince } from "../harness/stats.js";
import { planMix, runPlan, type MixDriver, type MixPlan } from "./command-mix.js";
import { createOurControlPlane, createOurDriver, OWNER_ID, MAINTAINER_ID, setUpTenant, type Tenant } from "./our-driver.js";
import { measureSqliteProcesses } from "./sqlite-processes.js";
import { storeTargets, type StoreTarget } from "./store-targets.js";
import { measureTwoStreamCommands, withoutAppendStreams } from "./two-stream-commands.js";

/** Writer processes sharing one SQLite file (one per core is plenty on this machine). */
const SQLITE_PROCESSES = 4;

/** Commands per second of all writers together. */
async function timePlans(plans: readonly MixPlan[], driver: (writer: number) => MixDriver): Promise<number> {
  const start = process.hrtime.bigint();
  const counts = await Promise.all(plans.map((plan, writer) => runPlan(plan, driver(writer))));
  return counts.reduce((a, b) => a + b, 0) / secondsSince(start);
}

async function oursOnce(
  target: StoreTarget,
  label: string,
  plans: readonly MixPlan[],
  seed: number,
  history: readonly MixPlan[] = [],
  streamByStream = false,
): Promise<{ rate: number; tenant: Tenant }> {
  const opened = await target.open(label);
  const store = streamByStream ? withoutAppendStreams(opened) : opened;
  try {
    const tenant = await setUpTenant(store, seed, plans.length);
    // Concurrent writers in one process share one control plane, as an embedding service would.
    const { plane } = createOurControlPlane(store, seed * 1000 + 999);
    await timePlans(history, (w) => createOurDriver(store, tenant, w, seed * 1000 + 500 + w, plane));
    return { rate: await timePlans(plans, (w) => createOurDriver(store, tenant, w, seed * 1000 + w, plane)), tenant };
  } finally {
    await store.close();
  }
}

async function openEmmett(
  context: BenchContext,
  target: StoreTarget,
  label: string,
): Promise<{ store: EmmettStore; close: () => Promise<void> }> {
  if (target.store === "memory") return { store: getInMemoryEventStore(), close: () => Promise.resolve() };
  const url = await context.postgres?.createDatabase(label);
  if (url === undefined) throw new Error("PostgreSQL is not running");
  // The bench owns Emmett's pool: dumbo's shared, reference-counted pools have no 'error' listener, so an idle
  // connection still open when the server stops ("terminating connection due to administrator command") would kill
  // the process. Owning the pool lets us listen for errors and end it for certain when the run is done.
  const pool = new pg.Pool({ connectionString: url });
  pool.on("error", () => undefined);
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  return {
    store,
    close: async () => {
      try {
        await store.close();
      } finally {
        await pool.end();
      }
    },
  };
}

async function emmettOnce(
  context: BenchContext,
  target: StoreTarget,
  label: string,
  plans: readonly MixPlan[],
  tenant: Tenant,
  seed: number,
  history: readonly MixPlan[] = [],
): Promise<number> {
  const { store, close } = await openEmmett(context, target, label);
  try {
    // Same organization and project keys as our run, so stream names and payload sizes match.
    await setUpEmmettTenant(store, tenant.organization, OWNER_ID, MAINTAINER_ID, tenant.projectKeys);
    await timePlans(history, (w) => createEmmettDriver(store, tenant, w, seed * 1000 + 500 + w));
    return await timePlans(plans, (w) => createEmmettDriver(store, tenant, w, seed * 1000 + w));
  } finally {
    await close();
  }
}

/**
 * Workload 1 and the Emmett comparison: the same seeded command mix (create deployments, enable/disable schedules,
 * request/start/finish executions) through our control plane and through Emmett's DeciderCommandHandler, with one
 * writer and with several (concurrent promises in one process, one project each). Our run and Emmett's alternate so
 * machine noise hits both alike, and every run starts from a fresh store. Emmett's SQLite store is not installable
 * here (toolchain.md), so SQLite has our figures only.
 */
export const commandsGroup: WorkloadGroup = async (context) => {
  const { config, report } = context;
  for (const target of storeTargets(context, "command throughput")) {
    const withEmmett = target.store !== "sqlite";
    for (const writers of [1, config.concurrentWriters]) {
      const ours: number[] = [];
      const emmett: number[] = [];
      // Issue 16: the same commands with two-stream writes done stream by stream, as before appendStreams (SQL stores).
      const streamByStream: number[] = [];
      // I/O-bound stores need one warm-up; in memory the JIT is the bottleneck and needs two.
      const warmups = target.store === "memory" ? config.commandWarmups : config.measure.warmups;
      for (let run = 0; run < warmups + config.measure.runs; run += 1) {
        const timed = run >= warmups;
        const seed = config.seed + run;
        const commands = target.store === "memory" ? config.memoryCommandsPerRun : config.commandsPerRun;
        const plans = Array.from({ length: writers }, (_, w) => planMix(config.seed, w, run, Math.ceil(commands / writers)));
        const label = `commands_${target.store}_${writers}_${run}`;
        const mine = await oursOnce(target, `${label}_ours`, plans, seed);
        if (timed) ours.push(mine.rate);
        if (withEmmett) {
          const theirs = await emmettOnce(context, target, `${label}_emmett`, plans, mine.tenant, seed);
          if (timed) emmett.push(theirs);
        }
        if (target.store !== "memory") {
          const before = await oursOnce(target, `${label}_split`, plans, seed, [], true);
          if (timed) streamByStream.push(before.rate);
        }
      }
      const variant = `${writers} writer${writers === 1 ? "" : "s"}`;
      const oursMedian = median(ours);
      report.add({
        workload: "command throughput",
        store: target.store,
        variant: `ours, ${variant}`,
        value: oursMedian,
        unit: "commands/s",
        runs: ours,
      });
      if (streamByStream.length > 0) {
        const split = median(streamByStream);
        const variantSplit = `${variant}, stream by stream (no appendStreams)`;
        const row = { workload: "command throughput", store: target.store };
        report.add({ ...row, variant: `ours, ${variantSplit}`, value: split, unit: "commands/s", runs: streamByStream });
        report.add({ ...row, variant: `appendStreams / stream by stream, ${variant}`, value: oursMedian / split, unit: "ratio" });
      }
      if (withEmmett) {
        const emmettMedian = median(emmett);
        report.add({
          workload: "command throughput",
          store: target.store,
          variant: `Emmett 0.42, ${variant}`,
          value: emmettMedian,
          unit: "commands/s",
          runs: emmett,
        });
        report.add({
          workload: "command throughput",
          store: target.store,
          variant: `ours / Emmett, ${variant}`,
          value: oursMedian / emmettMedian,
          unit: "ratio",
        });
      }
    }
    if (target.store !== "memory") {
      for (const writers of [1, config.concurrentWriters]) await measureTwoStreamCommands(context, target, writers);
    }
    if (target.store === "memory") await memoryWithHistory(context, target);
    if (target.store === "sqlite") {
      const processes = await measureSqliteProcesses(context, SQLITE_PROCESSES);
      report.add({
        workload: "command throughput",
        store: "sqlite",
        variant: `ours, ${SQLITE_PROCESSES} processes`,
        value: processes.perSecond,
        unit: "commands/s",
        runs: processes.runs,
      });
    }
  }
};

/**
 * Informational, beside the target rows: the same comparison on a store that already holds the history of
 * `historyCommands` earlier commands (other deployments and executions of the same projects), as a service's store
 * does after a while. Every other row starts from an empty store, which is Emmett's best case: its in-memory store
 * re-folds a whole stream per command and counts every stream on each append.
 */
async function memoryWithHistory(context: BenchContext, target: StoreTarget): Promise<void> {
  const { config, report } = context;
  for (const writers of [1, config.concurrentWriters]) {
    const ours: number[] = [];
    const emmett: number[] = [];
    // One warm-up: the JIT has seen this code in the rows before.
    for (let run = 0; run < 1 + config.measure.runs; run += 1) {
      const seed = config.seed + 100 + run;
      const plans = Array.from({ length: writers }, (_, w) =>
        planMix(config.seed, w, run, Math.ceil(config.memoryCommandsPerRun / writers)),
      );
      const history = Array.from({ length: writers }, (_, w) =>
        planMix(config.seed + 1, w, 1000 + run, Math.ceil(config.historyCommands / writers)),
      );
      const label = `commands_history_${writers}_${run}`;
      const mine = await oursOnce(target, `${label}_ours`, plans, seed, history);
      const theirs = await emmettOnce(context, target, `${label}_emmett`, plans, mine.tenant, seed, history);
      if (run >= 1) {
        ours.push(mine.rate);
        emmett.push(theirs);
      }
    }
    const variant = `${writers} writer${writers === 1 ? "" : "s"}, after ${config.historyCommands} commands of history`;
    report.add({
      workload: "command throughput",
      store: "memory",
      variant: `ours, ${variant}`,
      value: median(ours),
      unit: "commands/s",
      runs: ours,
    });
    report.add({
      workload: "command throughput",
      store: "memory",
      variant: `Emmett 0.42, ${variant}`,
      value: median(emmett),
      unit: "commands/s",
      runs: emmett,
    });
    report.add({
      workload: "command throughput",
      store: "memory",
      variant: `ours / Emmett, ${variant}`,
      value: median(ours) / median(emmett),
      unit: "ratio",
    });
  }
}
