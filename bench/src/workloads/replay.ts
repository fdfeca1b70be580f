import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { exportToNdjson } from "@cloud-ledger/adapters/ndjson";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import type { BenchContext, WorkloadGroup } from "../context.js";
import { buildSqliteLogs, type BuiltLog } from "../data/build-logs.js";
import { runInChild } from "../harness/child.js";
import { median } from "../harness/stats.js";
import { averageBytes, measureJsonParseRate } from "../limits/json-parse-rate.js";
import type { LogTaskInput, LogTaskResult } from "./log-tasks.js";

const SAMPLE_LINES = 200_000;
/** Events held in memory for the projection-only figure (the whole 1 M log would not fit the memory target). */
const PROJECTION_SAMPLE = 200_000;

/** The stored events of a log as JSON lines (what a replay parses), up to `max` of them. */
async function eventLines(path: string, max: number): Promise<string[]> {
  const store = openSqliteEventStore({ path });
  try {
    const lines: string[] = [];
    let after = 0;
    while (lines.length < max) {
      const page = await store.readAll({ after, limit: Math.min(5_000, max - lines.length) });
      if (page.length === 0) break;
      for (const event of page) lines.push(JSON.stringify(event));
      after = page[page.length - 1]?.globalPosition ?? after;
    }
    return lines;
  } finally {
    await store.close();
  }
}

export interface LogRunSummary {
  readonly eventsPerSecond: number;
  readonly nsPerEvent: number;
  readonly peakRssBytes: number;
  readonly runs: readonly number[];
}

/** Runs a log task `runs` times, each in a fresh child process; rates are medians, memory the worst run. */
export async function runLogTask(context: BenchContext, task: string, input: LogTaskInput, expected: number): Promise<LogRunSummary> {
  const rates: number[] = [];
  let peakRssBytes = 0;
  for (let i = 0; i < context.config.logRuns; i += 1) {
    const { result, peakRssBytes: peak } = await runInChild<LogTaskResult>(task, input, context.childExecArgv);
    if (result.events !== expected) throw new Error(`${task} over ${input.path} saw ${result.events} events, expected ${expected}`);
    rates.push(result.events / result.seconds);
    peakRssBytes = Math.max(peakRssBytes, peak);
  }
  const eventsPerSecond = median(rates);
  return { eventsPerSecond, nsPerEvent: 1e9 / eventsPerSecond, peakRssBytes, runs: rates };
}

/** The same log as an NDJSON export (the adapter's own format), for the NDJSON replay and verify. */
async function exportLog(sqlitePath: string, ndjsonPath: string): Promise<number> {
  const store = openSqliteEventStore({ path: sqlitePath });
  const output = createWriteStream(ndjsonPath);
  try {
    const { events } = await exportToNdjson(store, output);
    return events;
  } finally {
    output.end();
    await once(output, "close");
    await store.close();
  }
}

function logFor(logs: readonly BuiltLog[], events: number): BuiltLog {
  const log = logs.find((l) => l.events === events);
  if (log === undefined) throw new Error(`no generated log of ${events} events`);
  return log;
}

/**
 * Workloads 3–5: the seeded log at every size is written once; then the replay-size log is replayed into every read
 * model (events/s and peak RSS, each run in its own child process), and every size is replayed and verified to show
 * the cost per event as the log grows. The JSON.parse ceiling is measured on the same events.
 */
export const replayGroup: WorkloadGroup = async (context) => {
  const { config, report, temp } = context;
  const sizes = [...new Set([config.replayEvents, ...config.growthSizes])].sort((a, b) => a - b);
  const built = await buildSqliteLogs(temp, config.seed + 3, sizes);
  report.add({
    workload: "log fixture",
    store: "sqlite",
    variant: `generate + hash + append ${sizes.at(-1)} events`,
    value: built.eventsPerSecond,
    unit: "events/s",
  });

  const replayLog = logFor(built.logs, config.replayEvents);
  const lines = await eventLines(replayLog.sqlitePath, SAMPLE_LINES);
  const parse = await measureJsonParseRate(lines, config.measure);
  report.add({
    workload: "machine limit",
    store: "cpu",
    variant: `JSON.parse of the log's events (${averageBytes(lines)} B avg)`,
    value: parse.perSecond,
    unit: "events/s",
    runs: parse.runs,
  });

  const baseline = await runInChild("baseline", null, context.childExecArgv);
  report.extras.childBaselineRssBytes = baseline.peakRssBytes;

  const growth: { events: number; replayNsPerEvent: number; verifyNsPerEvent: number; replayPeakRssBytes: number }[] = [];
  for (const log of built.logs) {
    const input: LogTaskInput = { kind: "sqlite", path: log.sqlitePath };
    const replay = await runLogTask(context, "replay", input, log.events);
    const verify = await runLogTask(context, "verify", input, log.events);
    growth.push({
      events: log.events,
      replayNsPerEvent: replay.nsPerEvent,
      verifyNsPerEvent: verify.nsPerEvent,
      replayPeakRssBytes: replay.peakRssBytes,
    });
    if (log.events === config.replayEvents) {
      report.add({
        workload: "replay into every read model",
        store: "sqlite",
        variant: `${log.events} events`,
        value: replay.eventsPerSecond,
        unit: "events/s",
        runs: replay.runs,
      });
      report.add({
        workload: "replay into every read model",
        store: "sqlite",
        variant: `${log.events} events, peak RSS`,
        value: replay.peakRssBytes,
        unit: "bytes",
        note: `child baseline ${Math.round(baseline.peakRssBytes / 2 ** 20)} MiB`,
      });
      report.add({
        workload: "audit verify",
        store: "sqlite",
        variant: `${log.events} events`,
        value: verify.eventsPerSecond,
        unit: "events/s",
        runs: verify.runs,
      });
    }
    report.add({
      workload: "growth: replay",
      store: "sqlite",
      variant: `${log.events} events`,
      value: replay.nsPerEvent,
      unit: "ns/event",
    });
    report.add({
      workload: "growth: verify",
      store: "sqlite",
      variant: `${log.events} events`,
      value: verify.nsPerEvent,
      unit: "ns/event",
    });
  }
  report.extras.growth = growth;

  // Issue 5: the store's read speed is the ceiling of a replay; the reducers alone must run at least that fast.
  const sqliteInput: LogTaskInput = { kind: "sqlite", path: replayLog.sqlitePath };
  const read = await runLogTask(context, "read", sqliteInput, replayLog.events);
  report.add({
    workload: "store read (readAll pages)",
    store: "sqlite",
    variant: `${replayLog.events} events`,
    value: read.eventsPerSecond,
    unit: "events/s",
    runs: read.runs,
  });
  const projected = Math.min(replayLog.events, PROJECTION_SAMPLE);
  const project = await runLogTask(context, "project", { ...sqliteInput, events: projected } as LogTaskInput, projected);
  report.add({
    workload: "projection only (events in memory)",
    store: "sqlite",
    variant: `first ${projected} events`,
    value: project.eventsPerSecond,
    unit: "events/s",
    runs: project.runs,
  });

  const ndjsonPath = temp.file(`log-${replayLog.events}.ndjson`);
  const exported = await exportLog(replayLog.sqlitePath, ndjsonPath);
  if (exported !== replayLog.events) throw new Error(`exported ${exported} events, expected ${replayLog.events}`);
  const ndjson: LogTaskInput = { kind: "ndjson", path: ndjsonPath };
  const variant = `${replayLog.events} events, streamed`;
  const replay = await runLogTask(context, "replay", ndjson, replayLog.events);
  report.add({
    workload: "replay into every read model",
    store: "ndjson",
    variant,
    value: replay.eventsPerSecond,
    unit: "events/s",
    runs: replay.runs,
  });
  report.add({
    workload: "replay into every read model",
    store: "ndjson",
    variant: `${variant}, peak RSS`,
    value: replay.peakRssBytes,
    unit: "bytes",
  });
  const verify = await runLogTask(context, "verify", ndjson, replayLog.events);
  report.add({ workload: "audit verify", store: "ndjson", variant, value: verify.eventsPerSecond, unit: "events/s", runs: verify.runs });
};
