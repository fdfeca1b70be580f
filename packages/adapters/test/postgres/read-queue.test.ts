import { describe, expect, it } from "vitest";
import type { StreamTailRequest } from "@cloud-ledger/domain";
import { CorruptEventError } from "@cloud-ledger/domain";
import { createTailReadQueue, MAX_READS_PER_STATEMENT, type TailStatement } from "../../src/postgres/read-queue.js";
import type { TailRow } from "../../src/postgres/read-streams.js";

/** A well-formed row of `stream` at `version` (64-hex hashes, the metadata's required keys). */
function row(ord: number, stream: string, version: number, data = "{}"): TailRow {
  return {
    ord: String(ord),
    global_position: String(version),
    stream_name: stream,
    version: String(version),
    event_id: `01J00000000000000000000${String(version).padStart(3, "0")}`,
    type: "Happened",
    schema_version: 1,
    data,
    metadata: JSON.stringify({
      actor: "github:1",
      commandId: "c",
      correlationId: "c",
      causationId: "c",
      occurredAt: "2026-01-01T00:00:00.000Z",
    }),
    hash: "a".repeat(64),
  };
}

/** A fake database: streams of versions 1..n; records each statement's requests. */
function fakeStatement(streams: Record<string, number>, calls: StreamTailRequest[][], corrupt?: { stream: string; version: number }) {
  const statement: TailStatement = async (requests) => {
    calls.push([...requests]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    return requests.flatMap(({ streamName, fromVersion }, index) => {
      const rows: TailRow[] = [];
      for (let version = fromVersion; version <= (streams[streamName] ?? 0); version += 1) {
        const broken = corrupt?.stream === streamName && corrupt.version === version;
        rows.push(row(index + 1, streamName, version, broken ? "{not json" : "{}"));
      }
      return rows;
    });
  };
  return statement;
}

const versions = (tails: readonly (readonly { readonly version: number }[])[]) => tails.map((tail) => tail.map((e) => e.version));

describe("tail read queue: concurrent readStreams calls share one statement", () => {
  it("sends the calls of one turn as one statement, one request per stream from the lowest version asked", async () => {
    const calls: StreamTailRequest[][] = [];
    const queue = createTailReadQueue(fakeStatement({ a: 3, b: 2 }, calls));
    const answers = await Promise.all([
      queue.read([
        { streamName: "a", fromVersion: 2 },
        { streamName: "b", fromVersion: 1 },
      ]),
      queue.read([{ streamName: "a", fromVersion: 1 }]),
      queue.read([
        { streamName: "missing", fromVersion: 1 },
        { streamName: "a", fromVersion: 4 },
        { streamName: "a", fromVersion: 3 },
      ]),
    ]);
    expect(calls).toEqual([
      [
        { streamName: "a", fromVersion: 1 },
        { streamName: "b", fromVersion: 1 },
        { streamName: "missing", fromVersion: 1 },
      ],
    ]);
    expect(answers.map(versions)).toEqual([
      [
        [2, 3],
        [1, 2],
      ],
      [[1, 2, 3]],
      [[], [], [3]],
    ]);
  });

  it("sends calls of later turns in statements of their own", async () => {
    const calls: StreamTailRequest[][] = [];
    const queue = createTailReadQueue(fakeStatement({ a: 1 }, calls));
    await queue.read([{ streamName: "a", fromVersion: 1 }]);
    await queue.read([{ streamName: "a", fromVersion: 1 }]);
    expect(calls).toHaveLength(2);
  });

  it(`answers more than ${MAX_READS_PER_STATEMENT} waiting calls with several statements`, async () => {
    const calls: StreamTailRequest[][] = [];
    const queue = createTailReadQueue(fakeStatement({ a: 1 }, calls));
    const count = MAX_READS_PER_STATEMENT * 2 + 1;
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => queue.read([{ streamName: `s-${i}`, fromVersion: 1 }])));
    expect(calls.map((requests) => requests.length)).toEqual([MAX_READS_PER_STATEMENT, MAX_READS_PER_STATEMENT, 1]);
    expect(answers).toHaveLength(count);
  });

  it("fails only the calls whose requests cover a row that does not decode, with that row's error", async () => {
    const calls: StreamTailRequest[][] = [];
    const queue = createTailReadQueue(fakeStatement({ good: 2, bad: 3 }, calls, { stream: "bad", version: 2 }));
    const [covering, after, other] = await Promise.allSettled([
      queue.read([
        { streamName: "good", fromVersion: 1 },
        { streamName: "bad", fromVersion: 1 },
      ]),
      queue.read([{ streamName: "bad", fromVersion: 3 }]),
      queue.read([{ streamName: "good", fromVersion: 2 }]),
    ]);
    expect(calls).toHaveLength(1);
    expect(covering.status).toBe("rejected");
    const reason = (covering as PromiseRejectedResult).reason as CorruptEventError;
    expect(reason).toBeInstanceOf(CorruptEventError);
    expect(reason).toMatchObject({ streamName: "bad", version: 2 });
    expect(after.status === "fulfilled" && versions(after.value)).toEqual([[3]]);
    expect(other.status === "fulfilled" && versions(other.value)).toEqual([[2]]);
  });

  it("reads each call alone when the shared statement fails, so one call's failure stays its own", async () => {
    const calls: StreamTailRequest[][] = [];
    const inner = fakeStatement({ a: 2, b: 1 }, calls);
    // The server refuses any statement that asks for "poison" (as it would a request it cannot run).
    const queue = createTailReadQueue(async (requests) => {
      if (requests.some((r) => r.streamName === "poison")) {
        calls.push([...requests]);
        throw new Error("server refused the statement");
      }
      return inner(requests);
    });
    const results = await Promise.allSettled([
      queue.read([{ streamName: "a", fromVersion: 1 }]),
      queue.read([{ streamName: "poison", fromVersion: 1 }]),
      queue.read([{ streamName: "b", fromVersion: 1 }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: "server refused the statement" });
    expect(results[0]?.status === "fulfilled" && versions(results[0].value)).toEqual([[1, 2]]);
    // The shared statement, then each call alone.
    expect(calls.map((requests) => requests.map((r) => r.streamName))).toEqual([["a", "poison", "b"], ["a"], ["poison"], ["b"]]);
  });

  it("drain waits for reads queued and in flight", async () => {
    const calls: StreamTailRequest[][] = [];
    const queue = createTailReadQueue(fakeStatement({ a: 1 }, calls));
    let answered = false;
    const reading = queue.read([{ streamName: "a", fromVersion: 1 }]).then(() => {
      answered = true;
    });
    await queue.drain();
    expect(answered).toBe(true);
    await reading;
    await queue.drain();
  });
});
