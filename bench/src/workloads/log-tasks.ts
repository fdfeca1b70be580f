import { verifyStore } from "@cloud-ledger/domain";
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

/** Workload 3, run in a child process: a full replay of the log into every read model. */
export async function replayTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  if (kind !== "sqlite") throw new TypeError(`replay from ${kind} is not wired yet`);
  const store = openSqliteEventStore({ path });
  try {
    const start = process.hrtime.bigint();
    const result = await replayAll(store);
    return { events: result.events, seconds: secondsSince(start) };
  } finally {
    await store.close();
  }
}

/** Workload 4, run in a child process: `audit verify` — every stream's hash chain checked over the whole log. */
export async function verifyTask(input: unknown): Promise<LogTaskResult> {
  const { kind, path } = parseInput(input);
  if (kind !== "sqlite") throw new TypeError(`verify of ${kind} is not wired yet`);
  const store = openSqliteEventStore({ path });
  try {
    const start = process.hrtime.bigint();
    const result = await verifyStore(store);
    const seconds = secondsSince(start);
    if (!result.ok) throw new Error(`the generated log failed audit verify: ${JSON.stringify(result.fault)}`);
    return { events: result.events, seconds };
  } finally {
    await store.close();
  }
}
