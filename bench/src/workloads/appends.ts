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
 * Workload 2: appends of ready events (already encoded and hash-chained, so only the store is timed), one writer,
 * 1 event per append (one commit each: on SQLite with synchronous=FULL that is one fsync) and 100 per append.
 */
export const appendsGroup: WorkloadGroup = async (context) => {
  const { config, report } = context;
  for (const target of storeTargets(context, "append ready events", { sqliteNormal: true })) {
    const variants = [
      { name: "1 event/append", source: oneEventPerAppend(generateLog(config.seed + 1)), appends: config.singleAppendsPerRun },
      { name: "100 events/append", source: generateStreamRuns(config.seed + 2, 100), appends: Math.ceil(config.batchEventsPerRun / 100) },
    ];
    for (const variant of variants) {
      const store = await target.open(`appends_${variant.name.startsWith("1 ") ? "single" : "batch"}_${target.store}`);
      try {
        const rate = await measureRate(config.measure, async () => {
          const batches = take(variant.source, variant.appends);
          const start = process.hrtime.bigint();
          const events = await appendAll(store, batches);
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
