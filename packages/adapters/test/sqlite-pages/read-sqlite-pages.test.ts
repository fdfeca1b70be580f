import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { existsSync } from "node:fs";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { readSqlitePages, DEFAULT_SQLITE_PAGE_SIZE } from "@cloud-ledger/adapters/sqlite-pages";
import type { JsonValue } from "@cloud-ledger/domain";
import { tempFolder } from "../sqlite/temp-folder.js";
import { appendBatches, AWKWARD_DATA, collect, readAllPages } from "./sample-log.js";

const temp = tempFolder("sqlite-pages");
afterAll(() => temp.remove());

describe("readSqlitePages over a fixed log", () => {
  const path = temp.path("fixed.db");
  let size = 0;

  beforeAll(async () => {
    const store = openSqliteEventStore({ path });
    await appendBatches(store, [
      { stream: "org-1", data: AWKWARD_DATA },
      { stream: "project-1", data: [1, 2, 3] },
      { stream: "org-1", data: [{ again: true }] },
      { stream: "exec-9", data: Array.from({ length: 26 }, (_, i) => ({ i, label: `event ${i}` })) },
    ]);
    size = await store.headPosition();
    await store.close();
  });

  it.each([1, 2, 5, 7, 33, 34, 35, 1000])("pages of %i equal readAll's pages exactly", async (pageSize) => {
    const store = openSqliteEventStore({ path });
    const expected = await readAllPages(store, 0, pageSize);
    await store.close();
    expect(size).toBe(34);
    expect(await collect(readSqlitePages({ path, pageSize }))).toEqual(expected);
  });

  it("uses pages of 2000 by default and reads the whole log", async () => {
    expect(DEFAULT_SQLITE_PAGE_SIZE).toBe(2000);
    const store = openSqliteEventStore({ path });
    const expected = await readAllPages(store, 0, 2000);
    await store.close();
    expect(await collect(readSqlitePages({ path }))).toEqual(expected);
  });

  it.each([
    [0, 4],
    [1, 4],
    [10, 4],
    [33, 4],
    [33, 1],
  ])("starts after position %i (pages of %i)", async (after, pageSize) => {
    const store = openSqliteEventStore({ path });
    const expected = await readAllPages(store, after, pageSize);
    await store.close();
    const pages = await collect(readSqlitePages({ path, after, pageSize }));
    expect(pages).toEqual(expected);
    expect(pages.flat()[0]?.globalPosition).toBe(after + 1);
  });

  it("yields nothing after the head", async () => {
    expect(await collect(readSqlitePages({ path, after: 34 }))).toEqual([]);
    expect(await collect(readSqlitePages({ path, after: 1_000 }))).toEqual([]);
  });

  it("starts a fresh pass for every for-await over the same iterable", async () => {
    const pages = readSqlitePages({ path, pageSize: 10 });
    const first = await collect(pages);
    expect(await collect(pages)).toEqual(first);
    expect(first.flat()).toHaveLength(34);
  });
});

it("an empty store yields nothing", async () => {
  const path = temp.path("empty.db");
  await openSqliteEventStore({ path }).close();
  expect(await collect(readSqlitePages({ path }))).toEqual([]);
  expect(await collect(readSqlitePages({ path, pageSize: 1, ahead: 1 }))).toEqual([]);
});

it("a log growing during the pass: everything up to the head at the start, in order, without gaps", async () => {
  const path = temp.path("growing.db");
  const store = openSqliteEventStore({ path });
  await appendBatches(store, [{ stream: "early", data: Array.from({ length: 20 }, (_, i) => ({ i })) }]);
  const positions: number[] = [];
  let appended = false;
  for await (const page of readSqlitePages({ path, pageSize: 5, ahead: 1 })) {
    positions.push(...page.map((e) => e.globalPosition));
    if (!appended) {
      await appendBatches(store, [{ stream: "late", data: Array.from({ length: 10 }, (_, i) => ({ i })) }]);
      appended = true;
    }
  }
  await store.close();
  expect(positions.length).toBeGreaterThanOrEqual(20);
  expect(positions).toEqual(Array.from({ length: positions.length }, (_, i) => i + 1));
});

const batchesArb = fc.array(
  fc.record({ stream: fc.constantFrom("a", "b", "c-long-stream-name"), data: fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) as fc.Arbitrary<JsonValue>, { minLength: 1, maxLength: 8 }) }),
  { maxLength: 8 },
);

let runs = 0;
test.prop([batchesArb, fc.integer({ min: 1, max: 70 }), fc.nat({ max: 70 }), fc.integer({ min: 1, max: 4 })], { numRuns: 6 })(
  "any log, page size, start and read-ahead: the same pages as readAll",
  async (batches, pageSize, after, ahead) => {
    runs += 1;
    const path = temp.path(`prop-${runs}.db`);
    const store = openSqliteEventStore({ path });
    await appendBatches(store, batches);
    const expected = await readAllPages(store, after, pageSize);
    await store.close();
    expect(await collect(readSqlitePages({ path, pageSize, after, ahead }))).toEqual(expected);
  },
);

describe("bad options fail at the call, before any worker or file exists", () => {
  const path = temp.path("never-created.db");
  it.each([
    [{ path, pageSize: 0 }, RangeError, "pageSize must be an integer >= 1, got 0"],
    [{ path, pageSize: 2.5 }, RangeError, "pageSize must be an integer >= 1, got 2.5"],
    [{ path, after: 1.5 }, RangeError, "after must be an integer >= 0, got 1.5"],
    [{ path, after: -1 }, RangeError, "after must be an integer >= 0, got -1"],
    [{ path, after: Number.NaN }, RangeError, "after must be an integer >= 0, got NaN"],
    [{ path, ahead: 0 }, RangeError, "ahead must be an integer >= 1, got 0"],
    [{ path, after: "3" }, TypeError, "after must be a number, got string"],
    [{}, TypeError, "path must be a string, got undefined"],
    [{ path: "" }, RangeError, "path must name a database file, got ''"],
    [{ path: ":memory:" }, RangeError, "path must name a database file, got ':memory:'"],
    [null, TypeError, "options must be an object with a path"],
  ])("%j", (options, type, message) => {
    const call = (): unknown => readSqlitePages(options as never);
    expect(call).toThrow(type);
    expect(call).toThrow(`readSqlitePages: ${message}`);
    expect(existsSync(path)).toBe(false);
  });
});
