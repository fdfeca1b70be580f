import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { tempFolder } from "./temp-folder.js";

const temp = tempFolder("sqlite-readonly");
afterAll(() => temp.remove());

describe("a SQLite store opened read-only", () => {
  it("reads what is there, writes nothing (not even a migration), and refuses appends", async () => {
    const path = temp.path("store.db");
    const writer = openSqliteEventStore({ path });
    await writer.append("s", sampleEvents("s", 3), { expectedVersion: "no_stream" });
    await writer.close();
    const before = readFileSync(path);

    const reader = openSqliteEventStore({ path, readonly: true });
    try {
      expect(await reader.headPosition()).toBe(3);
      expect((await reader.readAll()).map((event) => event.version)).toEqual([1, 2, 3]);
      await expect(reader.append("t", sampleEvents("t", 1), { expectedVersion: "no_stream" })).rejects.toMatchObject({
        code: "SQLITE_READONLY",
      });
    } finally {
      await reader.close();
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("never creates a file", () => {
    expect(() => openSqliteEventStore({ path: temp.path("missing.db"), readonly: true })).toThrow(/unable to open|does not exist/);
  });
});
