import { createReadStream } from "node:fs";
import { verifyStore, type EventStore, type RecordedEvent } from "@cloud-ledger/domain";
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
const ndjsonPages = (path: string, verifyChain: boolean, pageSize: number) =>
  readNdjsonEvents(createReadStream(path), { verifyChain, pageSize, sha256: nodeSha256Hex });

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

/** The store's own read speed, the ceiling of a replay from it: `readAll` pages of the replay's size, nothing else. */
export async function readTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  if (kind !== "sqlite") throw new TypeError("the read task reads a SQLite log");
  const store = openSqliteEventStore({ path });
  try {
    const start = process.hrtime.bigint();
    let events = 0;
    let after = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: DEFAULT_PAGE_SIZE });
      if (page.length === 0) break;
      events += page.length;
      after = page[page.length - 1]!.globalPosition;
    }
    return { events, seconds: secondsSince(start) };
  } finally {
    await store.close();
  }
}

/** Input of the projection-only task: a SQLite log and how many of its first events to project. */
interface ProjectTaskInput extends LogTaskInput {
  readonly events: number;
}

/**
 * The reducers' own speed (issue 5: they must not cap a replay below the store's read speed): the first `events`
 * events are read into memory first, untimed, then folded into every read model with the default decoder, timed.
 */
export async function projectTask(input: unknown): Promise<LogTaskResult> {
  const { path } = parseInput(input);
  const limit = (input as Partial<ProjectTaskInput>).events;
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1)
    throw new TypeError("the project task needs a positive `events`");
  const store = openSqliteEventStore({ path });
  const pages: (readonly RecordedEvent[])[] = [];
  try {
    let read = 0;
    let after = 0;
    while (read < limit) {
      const page = await store.readAll({ after, limit: Math.min(DEFAULT_PAGE_SIZE, limit - read) });
      if (page.length === 0) break;
      pages.push(page);
      read += page.length;
      after = page[page.length - 1]!.globalPosition;
    }
  } finally {
    await store.close();
  }
  const start = process.hrtime.bigint();
  const result = await replayPages(pages);
  return { events: result.events, seconds: secondsSince(start) };
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
