import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { readSqlitePages } from "@cloud-ledger/adapters/sqlite-pages";
import { tempFolder } from "../sqlite/temp-folder.js";
import { appendBatches } from "./sample-log.js";

const temp = tempFolder("sqlite-pages-life");
afterAll(() => temp.remove());
const path = temp.path("log.db");
// In WAL mode the -wal file exists while any connection is open and is removed when the last one closes: with the
// test's own connection closed, it shows whether the worker's store is still open.
const walOf = (db: string): string => `${db}-wal`;

beforeAll(async () => {
  const store = openSqliteEventStore({ path });
  await appendBatches(store, [{ stream: "s", data: Array.from({ length: 20 }, (_, i) => ({ i })) }]);
  await store.close();
  expect(existsSync(walOf(path))).toBe(false);
});

describe("the worker never outlives its pass", () => {
  it("breaking out of the loop after one page closes the worker's store before the loop statement ends", async () => {
    let pages = 0;
    let walWhileReading = false;
    for await (const page of readSqlitePages({ path, pageSize: 2 })) {
      pages += 1;
      walWhileReading = existsSync(walOf(path));
      expect(page).toHaveLength(2);
      break;
    }
    expect(pages).toBe(1);
    expect(walWhileReading).toBe(true);
    expect(existsSync(walOf(path))).toBe(false);
  });

  it("return() before the first page stops the worker too", async () => {
    const iterator = readSqlitePages({ path })[Symbol.asyncIterator]();
    const pending = iterator.next();
    await expect(iterator.return?.()).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(existsSync(walOf(path))).toBe(false);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("a pass read to the end has closed its store when the loop ends", async () => {
    let events = 0;
    for await (const page of readSqlitePages({ path, pageSize: 3, ahead: 1 })) events += page.length;
    expect(events).toBe(20);
    expect(existsSync(walOf(path))).toBe(false);
  });
});

describe("from sources under node --import tsx (how the bench runs)", () => {
  const fixture = fileURLToPath(new URL("./fixtures/abandon-pass.ts", import.meta.url));
  const run = (mode: string) =>
    promisify(execFile)(process.execPath, ["--conditions=source", "--import", "tsx", fixture, path, mode], { timeout: 60_000 });

  it("reads every page", async () => {
    const { stdout } = await run("full");
    expect(JSON.parse(stdout)).toEqual({ events: 20 });
  });

  it("breaking out of a loop with nothing else pending: return() keeps the process alive until the worker exited", async () => {
    const { stdout } = await run("break");
    expect(JSON.parse(stdout)).toEqual({ took: 3 });
  });

  it("a pass abandoned mid-way (no return()) does not keep the process alive", async () => {
    const { stdout } = await run("abandon");
    expect(JSON.parse(stdout)).toEqual({ took: 2 });
  });
});
