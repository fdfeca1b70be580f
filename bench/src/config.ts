import type { MeasureOptions } from "./harness/stats.js";

/** Sizes of one bench mode. Everything is seeded, so the same mode always does the same work. */
export interface BenchConfig {
  readonly mode: "full" | "quick";
  readonly seed: number;
  readonly measure: MeasureOptions;
  /** Commands per timed run of the command-throughput workload (all writers together) on SQLite and PostgreSQL. */
  readonly commandsPerRun: number;
  /** Untimed runs before the timed ones of the command workload on the memory stores, where the JIT needs two. */
  readonly commandWarmups: number;
  /** The same on the memory stores, which are ~50x faster: enough commands that a run is not over before the JIT is. */
  readonly memoryCommandsPerRun: number;
  /** Untimed commands run first in the informational "store with history" variant of the memory command workload. */
  readonly historyCommands: number;
  /** Concurrent writers (promises on one process) in the "several writers" variant. */
  readonly concurrentWriters: number;
  /** Appends per timed run with 1 event per append (durable: one commit each). */
  readonly singleAppendsPerRun: number;
  /** Events per timed run with 100 events per append. */
  readonly batchEventsPerRun: number;
  /** fdatasync calls per timed run of the disk probe. */
  readonly fsyncsPerRun: number;
  /** The replay and audit log size (the 1,000,000 in full mode). */
  readonly replayEvents: number;
  /** Log sizes for the growth workload: cost per event should stay flat across them. */
  readonly growthSizes: readonly number[];
  /** CLI reads (issue 13): the big store a read must not slow down on, and the pair whose read times are compared. */
  readonly readBigEvents: number;
  readonly readGrowthSizes: readonly [number, number];
  /** Timed runs for the replay/verify workloads (each a child process over a big log). */
  readonly logRuns: number;
}

export const FULL: BenchConfig = {
  mode: "full",
  seed: 20261130,
  measure: { warmups: 1, runs: 5 },
  commandsPerRun: 2_000,
  commandWarmups: 2,
  memoryCommandsPerRun: 10_000,
  historyCommands: 30_000,
  concurrentWriters: 8,
  singleAppendsPerRun: 2_000,
  batchEventsPerRun: 50_000,
  fsyncsPerRun: 2_000,
  replayEvents: 1_000_000,
  growthSizes: [100_000, 1_000_000, 3_000_000],
  readBigEvents: 1_000_000,
  readGrowthSizes: [15_000, 150_000],
  logRuns: 3,
};

export const QUICK: BenchConfig = {
  mode: "quick",
  seed: 20261130,
  measure: { warmups: 1, runs: 3 },
  commandsPerRun: 200,
  commandWarmups: 2,
  memoryCommandsPerRun: 2_000,
  historyCommands: 6_000,
  concurrentWriters: 8,
  singleAppendsPerRun: 200,
  batchEventsPerRun: 10_000,
  fsyncsPerRun: 400,
  replayEvents: 50_000,
  growthSizes: [15_000, 50_000, 150_000],
  readBigEvents: 150_000,
  readGrowthSizes: [15_000, 150_000],
  logRuns: 1,
};
