import { createReadStream } from "node:fs";
import { verifyStore, type EventStore } from "@cloud-ledger/domain";
import { readNdjsonEvents } from "@cloud-ledger/adapters/ndjson";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { DEFAULT_PAGE_SIZE, replayAll, replayPages } from "@cloud-ledger/projections";
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
 * An NDJSON export is streamed, never loaded: `readNdjsonEvents` hands out pages of checked events (memory stays at
 * one page plus one chain tip per stream). The replay skips the chain check, like a replay from a store does; the
 * verify task keeps it on, which is every check `verifyStore` makes (positions, versions, hash links).
 */
const ndjsonPages = (path: string, verifyChain: boolean, pageSize: number) => readNdjsonEvents(createReadStream(path), { verifyChain, pageSize });

/** Workload 3, run in a child process: a full replay of the log into every read model. */
export async function replayTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  const start = process.hrtime.bigint();
  if (kind === "ndjson") {
    const result = await replayPages(ndjsonPages(path, false, DEFAULT_PAGE_SIZE));
    return { events: result.events, seconds: secondsSince(start) };
  }
  const store = openSqliteEventStore({ path });
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
  if (kind === "ndjson") {
    // A broken chain or order throws NdjsonFormatError naming its line, which fails the child like a fault below.
    let events = 0;
    for await (const page of ndjsonPages(path, true, 1000)) events += page.length;
    return { events, seconds: secondsSince(start) };
  }
  const store: EventStore = openSqliteEventStore({ path });
  try {
    const result = await verifyStore(store, { sha256: nodeSha256Hex });
    const seconds = secondsSince(start);
    if (!result.ok) throw new Error(`the generated log failed audit verify: ${JSON.stringify(result.fault)}`);
    return { events: result.events, seconds };
  } finally {
    await store.close();
  }
}
