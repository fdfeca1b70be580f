import { copyFileSync, renameSync, statSync } from "node:fs";
import type { EventStore } from "@cloud-ledger/domain";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import type { TempDir } from "../infra/temp-dir.js";
import { secondsSince } from "../harness/stats.js";
import { generateLog, type LogBatch } from "./log-generator.js";

export interface BuiltLog {
  readonly events: number;
  /** A SQLite event store holding exactly `events` events (the first `events` of the seeded log). */
  readonly sqlitePath: string;
  readonly sqliteBytes: number;
}

export interface BuiltLogs {
  readonly logs: readonly BuiltLog[];
  /** Generation + hashing + SQLite writes, for the largest size. */
  readonly eventsPerSecond: number;
}

async function appendBatch(store: EventStore, batch: LogBatch): Promise<void> {
  await store.append(batch.streamName, batch.events, { expectedVersion: batch.expectedVersion });
}

/**
 * Writes the seeded log once, through the SQLite store's own batch append (synchronous=NORMAL: the file is a fixture,
 * not a commit anyone waits for), and snapshots the file at each requested size — so the 100 k log is exactly the
 * first 100 k events of the 1 M one, and every size costs one pass.
 */
export async function buildSqliteLogs(temp: TempDir, seed: number, sizes: readonly number[]): Promise<BuiltLogs> {
  const targets = [...new Set(sizes)].sort((a, b) => a - b);
  const work = temp.file(`log-${seed}-work.db`);
  const open = (): EventStore => openSqliteEventStore({ path: work, synchronous: "NORMAL" });
  const generator = generateLog(seed);
  const logs: BuiltLog[] = [];
  const start = process.hrtime.bigint();
  let store = open();
  let written = 0;
  let pending: LogBatch | undefined;
  const largestSize = targets[targets.length - 1] ?? 0;
  // Big fixtures take minutes: say how far along they are, every tenth.
  const step = Math.max(1, Math.ceil(largestSize / 10));
  let nextReport = step;
  for (const [index, size] of targets.entries()) {
    while (written < size) {
      const batch = pending ?? generator.next().value;
      pending = undefined;
      const room = size - written;
      if (batch.events.length <= room) {
        await appendBatch(store, batch);
        written += batch.events.length;
      } else {
        // Split at the size boundary; the rest continues the same stream at the next version.
        await appendBatch(store, { ...batch, events: batch.events.slice(0, room) });
        pending = { streamName: batch.streamName, expectedVersion: batch.expectedVersion + room, events: batch.events.slice(room) };
        written += room;
      }
      if (written >= nextReport && largestSize >= 500_000) {
        console.log(`  … log fixture: ${written} / ${largestSize} events`);
        nextReport += step;
      }
    }
    // Closing checkpoints the WAL into the main file, so one file copy is the whole store.
    await store.close();
    const path = temp.file(`log-${seed}-${size}.db`);
    if (index === targets.length - 1) renameSync(work, path);
    else {
      copyFileSync(work, path);
      store = open();
    }
    logs.push({ events: size, sqlitePath: path, sqliteBytes: statSync(path).size });
  }
  return { logs, eventsPerSecond: largestSize / secondsSince(start) };
}
