import { createReadStream } from "node:fs";
import { verifyStore, type EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { importFromNdjson } from "@cloud-ledger/adapters/ndjson";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { replayAll } from "@cloud-ledger/projections";
import { secondsSince } from "../harness/stats.js";

/** Input of a log task: which stored log to read. */
export interface LogTaskInput {
  readonly kind: "sqlite" | "ndjson";
  readonly path: string;
}

export interface LogTaskResult {
  readonly events: number;
  readonly seconds: number;
}

function parseInput(input: unknown): LogTaskInput {
  const candidate = input as Partial<LogTaskInput> | null;
  if (candidate === null || typeof candidate.path !== "string" || (candidate.kind !== "sqlite" && candidate.kind !== "ndjson")) {
    throw new TypeError(`a log task needs { kind: "sqlite" | "ndjson", path }, got ${JSON.stringify(input)}`);
  }
  return { kind: candidate.kind, path: candidate.path };
}

/**
 * Opens a stored log for reading. An NDJSON export has no streaming reader in the public API, so it is loaded the way
 * a user would: `importFromNdjson` into a memory store — timed with the rest. Its own chain check is off: verifyStore
 * checks the chains in the verify task, and the replay task does not need them.
 */
async function openLog(kind: LogTaskInput["kind"], path: string): Promise<EventStore> {
  if (kind === "sqlite") return openSqliteEventStore({ path });
  const store = createMemoryEventStore();
  await importFromNdjson(() => createReadStream(path), store, { verifyChain: false });
  return store;
}

/** Workload 3, run in a child process: a full replay of the log into every read model. */
export async function replayTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  const start = process.hrtime.bigint();
  const store = await openLog(kind, path);
  try {
    const result = await replayAll(store);
    return { events: result.events, seconds: secondsSince(start) };
  } finally {
    await store.close();
  }
}

/** Workload 4, run in a child process: `audit verify` — every stream's hash chain checked over the whole log. */
export async function verifyTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  const start = process.hrtime.bigint();
  const store = await openLog(kind, path);
  try {
    const result = await verifyStore(store);
    const seconds = secondsSince(start);
    if (!result.ok) throw new Error(`the generated log failed audit verify: ${JSON.stringify(result.fault)}`);
    return { events: result.events, seconds };
  } finally {
    await store.close();
  }
}
