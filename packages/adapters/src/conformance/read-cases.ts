import { expect, it } from "vitest";
import type { ReadStreamOptions } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

const UNUSUAL_STREAM_NAMES = [
  "with space",
  "slash/and\\backslash",
  "quote'double\"back`tick",
  "Robert'); DROP TABLE events;--",
  "percent%_under*star?",
  "ünïcödé-名前-😀-𝄞",
  "tab\tnew\nline\rreturn",
  "Å-composed",
  "A\u030a-decomposed",
  "CaseSensitive",
  "casesensitive",
  "0",
  "-",
  "trailing-space ",
  "x".repeat(500),
];

export function registerReadCases(context: ConformanceContext): void {
  const { adapterName: name } = context;

  const versionsOf = async (stream: string, options: ReadStreamOptions): Promise<number[]> =>
    (await context.store().readStream(stream, options)).map((e) => e.version);

  it.each<[string, ReadStreamOptions, number[]]>([
    ["everything forwards", {}, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ["from 4", { fromVersion: 4 }, [4, 5, 6, 7, 8, 9, 10]],
    ["from 4 to 6 (inclusive)", { fromVersion: 4, toVersion: 6 }, [4, 5, 6]],
    ["to 3", { toVersion: 3 }, [1, 2, 3]],
    ["from 3 limit 2", { fromVersion: 3, limit: 2 }, [3, 4]],
    ["limit 0", { limit: 0 }, []],
    ["from past the end", { fromVersion: 11 }, []],
    ["from 7 to 5", { fromVersion: 7, toVersion: 5 }, []],
    ["to past the end", { fromVersion: 9, toVersion: 50 }, [9, 10]],
    ["from 0 (treated as 1)", { fromVersion: 0, limit: 2 }, [1, 2]],
    ["everything backwards", { direction: "backwards" }, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]],
    ["backwards limit 3", { direction: "backwards", limit: 3 }, [10, 9, 8]],
    ["backwards from 6", { direction: "backwards", fromVersion: 6 }, [6, 5, 4, 3, 2, 1]],
    ["backwards from 6 to 4", { direction: "backwards", fromVersion: 6, toVersion: 4 }, [6, 5, 4]],
    ["backwards from 8 to 2 limit 3", { direction: "backwards", fromVersion: 8, toVersion: 2, limit: 3 }, [8, 7, 6]],
    ["backwards from past the end", { direction: "backwards", fromVersion: 99, limit: 2 }, [10, 9]],
    ["backwards from 3 to 5", { direction: "backwards", fromVersion: 3, toVersion: 5 }, []],
  ])(`${name}: reads a stream %s`, async (_label, options, expected) => {
    const store = context.store();
    const stream = uniqueName("bounds");
    const other = uniqueName("bounds-other");
    // Interleave another stream so per-stream versions and global positions differ.
    const mine = sampleEvents(stream, 10);
    const theirs = sampleEvents(other, 10);
    for (let i = 0; i < 10; i += 2) {
      await store.append(stream, mine.slice(i, i + 2), { expectedVersion: i });
      await store.append(other, theirs.slice(i, i + 2), { expectedVersion: i });
    }
    expect(await versionsOf(stream, options)).toEqual(expected);
    const read = await store.readStream(stream, options);
    expect(read.every((e) => e.streamName === stream)).toBe(true);
    expect(read.map((e) => e.eventId)).toEqual(expected.map((v) => mine[v - 1]!.eventId));
  });

  it(`${name}: a missing stream reads as empty with version 0`, async () => {
    const store = context.store();
    const stream = uniqueName("nothing-here");
    expect(await store.readStream(stream)).toEqual([]);
    expect(await store.readStream(stream, { direction: "backwards" })).toEqual([]);
    expect(await store.streamVersion(stream)).toBe(0);
  });

  it(`${name}: stream names with unusual characters stay distinct and exact`, async () => {
    const store = context.store();
    const prefix = uniqueName("odd");
    const names = UNUSUAL_STREAM_NAMES.map((n) => (n.length >= 400 ? n : `${prefix}${n}`));
    for (const [i, stream] of names.entries()) {
      await store.append(stream, sampleEvents(stream, i + 1), { expectedVersion: "no_stream" });
    }
    for (const [i, stream] of names.entries()) {
      const read = await store.readStream(stream);
      expect(read.length, `stream ${JSON.stringify(stream)}`).toBe(i + 1);
      expect(read.every((e) => e.streamName === stream)).toBe(true);
      expect(await store.streamVersion(stream)).toBe(i + 1);
    }
    expect(await store.streamVersion(`${prefix}percent%`)).toBe(0);
    expect(await store.readStream(`${prefix}percent%`)).toEqual([]);
  });

  it(`${name}: keeps many streams apart`, async () => {
    const store = context.store();
    const prefix = uniqueName("many");
    const streams = Array.from({ length: 300 }, (_v, i) => `${prefix}-${i}`);
    for (const stream of streams) await store.append(stream, sampleEvents(stream, 2), { expectedVersion: "no_stream" });
    for (const stream of streams) {
      await store.append(stream, sampleEvents(stream, 1, { after: { version: 2, hash: "0".repeat(64) } }), { expectedVersion: 2 });
    }
    for (const stream of streams) expect(await store.streamVersion(stream)).toBe(3);
    const sample = await store.readStream(streams[150]!);
    expect(sample.map((e) => [e.streamName, e.version])).toEqual([
      [streams[150], 1],
      [streams[150], 2],
      [streams[150], 3],
    ]);
  });
}
