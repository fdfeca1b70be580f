import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { boundLine, openSqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";

const EXECUTION = "0123456789abcdef0123456789abcdef";
const line = (text: string) => ({ at: "2026-12-03T12:00:00.000Z", stream: "stdout" as const, text });
let folder: string;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-execution-log-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("SQLite execution log store", () => {
  it("numbers lines per execution in append order, across writers, and reads after a sequence number", async () => {
    const file = path.join(folder, "executions.sqlite");
    const [a, b] = [openSqliteExecutionLogStore({ path: file }), openSqliteExecutionLogStore({ path: file })];
    await a.append(EXECUTION, [line("one"), line("two")]);
    await b.append(EXECUTION, [line("three")]);
    await a.append("f".repeat(32), [line("other")]);
    expect((await b.read(EXECUTION)).map((l) => [l.seq, l.text])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
    expect((await a.read(EXECUTION, { afterSeq: 2 })).map((l) => l.text)).toEqual(["three"]);
    expect((await a.read(EXECUTION, { limit: 1 })).map((l) => l.text)).toEqual(["one"]);
    await a.close();
    await b.close();
  });

  it("cuts a line longer than the bound and says how much was left out, never splitting a surrogate pair", async () => {
    const store = openSqliteExecutionLogStore({ path: path.join(folder, "x.sqlite"), maxLineChars: 16 });
    await store.append(EXECUTION, [line("x".repeat(40))]);
    expect((await store.read(EXECUTION))[0]?.text).toBe(`${"x".repeat(16)}… [line cut: 24 more characters]`);
    expect(boundLine(`${"a".repeat(15)}😀b`, 16)).toBe(`${"a".repeat(15)}… [line cut: 3 more characters]`);
    expect(boundLine("short", 16)).toBe("short");
    await store.close();
  });

  it("keeps one lease per execution, the latest heartbeat, until released", async () => {
    const store = openSqliteExecutionLogStore({ path: path.join(folder, "x.sqlite") });
    await store.heartbeat({ executionId: EXECUTION, runnerId: "a", heartbeatAt: "2026-12-03T12:00:00.000Z" });
    await store.heartbeat({ executionId: EXECUTION, runnerId: "a", heartbeatAt: "2026-12-03T12:00:10.000Z" });
    expect(await store.leases()).toEqual([{ executionId: EXECUTION, runnerId: "a", heartbeatAt: "2026-12-03T12:00:10.000Z" }]);
    await store.release(EXECUTION);
    expect(await store.leases()).toEqual([]);
    await store.close();
  });
});
