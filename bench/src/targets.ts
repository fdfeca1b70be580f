import type { BenchConfig } from "./config.js";
import type { Report } from "./harness/report.js";
import { TABLE_ROWS } from "./workloads/cli-start-up.js";

const GIB = 2 ** 30;

/**
 * The targets, each as the ratio of what this run measured to what is needed (>= 1.00 is a PASS). A target
 * whose inputs were not measured in this run (skipped store, failed workload, --only) is left out, never guessed.
 */
export function evaluateTargets(report: Report, config: BenchConfig): void {
  const value = (workload: string, store: string, variant: string): number | undefined => report.find(workload, store, variant)?.value;

  const parse = report.rows.find((r) => r.workload === "machine limit" && r.variant.startsWith("JSON.parse"))?.value;
  const replay = value("replay into every read model", "sqlite", `${config.replayEvents} events`);
  if (parse !== undefined && replay !== undefined) {
    report.target(`replay (SQLite, ${config.replayEvents} events) >= 50% of JSON.parse`, replay, parse * 0.5, "events/s");
  }

  const storeRead = value("store read (readAll pages)", "sqlite", `${config.replayEvents} events`);
  const projection = report.rows.find((r) => r.workload === "projection only (events in memory)")?.value;
  if (storeRead !== undefined && projection !== undefined) {
    report.target("reducers (projection only) >= the store's read speed (issue 5)", projection, storeRead, "events/s");
  }

  const fsync = value("machine limit", "disk", "fdatasync of a 300-byte append");
  const durable = value("append ready events", "sqlite", "1 event/append");
  if (fsync !== undefined && durable !== undefined) {
    report.target("durable 1-event appends on SQLite >= 80% of fsync rate", durable, fsync * 0.8, "events/s");
  }

  const durableWriters = value("append ready events", "sqlite", `1 event/append, ${config.concurrentWriters} writers`);
  if (fsync !== undefined && durableWriters !== undefined) {
    const name = `group commit: ${config.concurrentWriters} writers' 1-event appends on SQLite >= 2x fsync rate`;
    report.target(name, durableWriters, fsync * 2, "events/s");
  }

  // Issue 13's group commit: 8 writers in one process share commits, so commands/s must pass the disk's sync rate.
  const sqliteWriters = value("command throughput", "sqlite", `ours, ${config.concurrentWriters} writers`);
  if (fsync !== undefined && sqliteWriters !== undefined) {
    report.target(`commands on SQLite, ${config.concurrentWriters} writers >= 2x fsync rate`, sqliteWriters, fsync * 2, "commands/s");
  }

  const sqliteBatch = value("append ready events", "sqlite", "100 events/append");
  if (sqliteBatch !== undefined) report.target("batch appends on SQLite >= 100k events/s", sqliteBatch, 100_000, "events/s");
  const postgresBatch = value("append ready events", "postgres", "100 events/append");
  if (postgresBatch !== undefined) report.target("batch appends on PostgreSQL >= 40k events/s", postgresBatch, 40_000, "events/s");

  for (const store of ["memory", "postgres"]) {
    for (const writers of [1, config.concurrentWriters]) {
      const variant = `${writers} writer${writers === 1 ? "" : "s"}`;
      const ratio = value("command throughput", store, `ours / Emmett, ${variant}`);
      if (ratio !== undefined) report.target(`commands on ${store}, ${variant} >= 2x Emmett`, ratio, 2, "ratio");
    }
  }

  const node = value("CLI start-up", "-", "node -e 0");
  for (const flag of ["--version", "--help"]) {
    const cli = value("CLI start-up", "-", `cloud-ledger ${flag}`);
    if (node !== undefined && cli !== undefined)
      report.target(`cloud-ledger ${flag} within 2x node -e 0 + 150 ms (issue 13)`, cli, 2 * node + 0.15, "s", true);
  }
  const table = value("terminal table", "-", `${TABLE_ROWS} rows`);
  const doubled = value("terminal table", "-", `${TABLE_ROWS * 2} rows`);
  if (table !== undefined) report.target(`a ${TABLE_ROWS}-row terminal table renders in < 3 s`, table, 3, "s", true);
  if (table !== undefined && doubled !== undefined) {
    report.target("twice the rows take < 2.5x the time (tables stay linear)", doubled / table, 2.5, "ratio", true);
  }

  // Issue 13: a read costs what it returns, not the history behind it.
  const version = value("cli start-up", "none", "--version");
  const [small, large] = config.readGrowthSizes;
  for (const name of ["history --limit 10", "schedule list", "org list"]) {
    const big = value("cli read", "sqlite", `${name}, ${config.readBigEvents} events`);
    if (big !== undefined && version !== undefined) {
      report.target(`${name} on ${config.readBigEvents} events within 2x --version`, big, version * 2, "ms", true);
    }
    const atSmall = value("cli read", "sqlite", `${name}, ${small} events`);
    const atLarge = value("cli read", "sqlite", `${name}, ${large} events`);
    if (atSmall !== undefined && atLarge !== undefined) {
      report.target(`${name}: ${large} events within 1.5x of ${small}`, atLarge, atSmall * 1.5, "ms", true);
    }
    const rss = value("cli read", "sqlite", `${name}, ${config.readBigEvents} events, peak RSS`);
    if (rss !== undefined) report.target(`${name} peak RSS on ${config.readBigEvents} events < 150 MB`, rss, 150 * 2 ** 20, "bytes", true);
  }

  const peak = value("replay into every read model", "sqlite", `${config.replayEvents} events, peak RSS`);
  if (peak !== undefined) report.target(`peak RSS of the ${config.replayEvents}-event replay < 1 GiB`, peak, GIB, "bytes", true);
}
