import type { EventStore } from "@cloud-ledger/domain";
import type { WorkloadGroup } from "../context.js";
import { generateLog, type LogBatch } from "../data/log-generator.js";
import { generateStreamRuns, oneEventPerAppend, take } from "../data/stream-runs.js";
import { measureRate, secondsSince } from "../harness/stats.js";
import { storeTargets } from "./store-targets.js";

async function appendAll(store: EventStore, batches: readonly LogBatch[]): Promise<number> {
  let events = 0;
  for (const batch of batches) {
    await store.append(batch.streamName, batch.events, { expectedVersion: batch.expectedVersion });
    events += batch.events.length;
  }
  return events;
}

/**
 * The same appends by `writers` concurrent writers in one process, each owning whole streams (so versions hold), the
 * streams dealt out busiest first to the least loaded writer so that all writers stay busy to the end.
 */
async function appendConcurrently(store: EventStore, batches: readonly LogBatch[], writers: number): Promise<number> {
  const perStream = new Map<string, number>();
  for (const batch of batches) perStream.set(batch.streamName, (perStream.get(batch.streamName) ?? 0) + 1);
  const load = new Array<number>(writers).fill(0);
  const owner = new Map<string, number>();
  for (const [streamName, count] of [...perStream].sort((a, b) => b[1] - a[1])) {
    const writer = load.indexOf(Math.min(...load));
    owner.set(streamName, writer);
    load[writer] = load[writer]! + count;
  }
  const shares: LogBatch[][] = Array.from({ length: writers }, () => []);
  for (const batch of batches) shares[owner.get(batch.streamName)!]!.push(batch);
  const counts = await Promise.all(shares.map((share) => appendAll(store, share)));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Workload 2: appends of ready events (already encoded and hash-chained, so only the store is timed), one writer,
 * 1 event per append (one commit each: on SQLite with synchronous=FULL that is one fsync) and 100 per append; and
 * 1 event per append by 8 concurrent writers of one process, which group commit lets share commits.
 */
export const appendsGroup: WorkloadGroup = async (context) => {
  const { config, report } = context;
  for (const target of storeTargets(context, "append ready events", { sqliteNormal: true })) {
    const variants = [
      { name: "1 event/append", source: oneEventPerAppend(generateLog(config.seed + 1)), appends: config.singleAppendsPerRun },
      { name: "100 events/append", source: generateStreamRuns(config.seed + 2, 100), appends: Math.ceil(config.batchEventsPerRun / 100) },
      {
        name: `1 event/append, ${config.concurrentWriters} writers`,
        source: oneEventPerAppend(generateLog(config.seed + 3)),
        appends: config.singleAppendsPerRun,
        writers: config.concurrentWriters,
      },
    ];
    for (const variant of variants) {
      const writers = "writers" in variant ? variant.writers : 1;
      const kind = variant.name.startsWith("1 ") ? (writers > 1 ? "writers" : "single") : "batch";
      const store = await target.open(`appends_${kind}_${target.store}`);
      try {
        const rate = await measureRate(config.measure, async () => {
          const batches = take(variant.source, variant.appends);
          const start = process.hrtime.bigint();
          const events = writers > 1 ? await appendConcurrently(store, batches, writers) : await appendAll(store, batches);
          return { ops: events, seconds: secondsSince(start) };
        });
        report.add({
          workload: "append ready events",
          store: target.store,
          variant: `${variant.name}${target.setting === "" ? "" : `, ${target.setting}`}`,
          value: rate.perSecond,
          unit: "events/s",
          runs: rate.runs,
        });
      } finally {
        await store.close();
      }
    }
  }
};
