/**
 * One writer process for store-sqlite-multiprocess.test.ts. It waits for "go" on stdin, then appends to a few
 * shared streams of one SQLite file with a mix of expected-version modes, and prints every outcome as JSON.
 */
import { createInterface } from "node:readline";
import type { ExpectedVersion, NewEvent } from "@cloud-ledger/domain";
import { GENESIS_HASH, WrongExpectedVersionError, hashEvent } from "@cloud-ledger/domain";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";

const [path, workerId, rounds, streamCount] = process.argv.slice(2);
if (path === undefined || workerId === undefined || rounds === undefined || streamCount === undefined) {
  throw new Error("usage: worker <path> <workerId> <rounds> <streams>");
}
const worker: string = workerId;

function eventsFor(stream: string, round: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_v, i) => {
    const metadata = {
      actor: `system:worker-${worker}`,
      occurredAt: "2026-11-30T10:00:00.000Z",
      correlationId: "c",
      causationId: "c",
      commandId: `w${worker}-r${round}`,
    };
    const base = { eventId: `w${worker}-r${round}-e${i}`, type: "Written", schemaVersion: 1, data: { worker, round, i }, metadata };
    return { ...base, hash: hashEvent(GENESIS_HASH, { ...base, streamName: stream, version: 1 }) };
  });
}

const store = openSqliteEventStore({ path });
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
for await (const line of lines) if (line === "go") break;
lines.close();

const acknowledged: string[] = [];
const rejected: string[] = [];
for (let round = 0; round < Number(rounds); round += 1) {
  const stream = `shared-${(round * 7 + Number(workerId)) % Number(streamCount)}`;
  const mode = round % 4;
  const version = await store.streamVersion(stream);
  const expected: ExpectedVersion = mode === 0 ? "any" : mode === 1 ? (version === 0 ? "no_stream" : "stream_exists") : version;
  const events = eventsFor(stream, round, 1 + (round % 3));
  try {
    await store.append(stream, events, { expectedVersion: expected });
    acknowledged.push(...events.map((e) => e.eventId));
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    rejected.push(...events.map((e) => e.eventId));
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ acknowledged, rejected })}\n`);
