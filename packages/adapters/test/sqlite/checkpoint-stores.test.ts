import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { CheckpointStore } from "@cloud-ledger/domain";
import { createMemoryCheckpointStore, InvalidSnapshotError } from "@cloud-ledger/adapters/memory";
import { CorruptCheckpointError, openSqliteCheckpointStore, openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { tempFolder } from "./temp-folder.js";

const temp = tempFolder("checkpoints");
afterAll(() => temp.remove());
let counter = 0;

describe.each<[string, () => CheckpointStore]>([
  ["memory", () => createMemoryCheckpointStore()],
  ["sqlite", () => openSqliteCheckpointStore({ path: temp.path(`cp-${(counter += 1)}.db`) })],
])("%s checkpoint store", (_name, open) => {
  it("loads nothing for an unknown projection, then what was saved last", async () => {
    const store = open();
    expect(await store.load("deployments")).toBeUndefined();
    await store.save("deployments", { position: 10, state: { count: 1, names: ["a"] } });
    await store.save("deployments", { position: 25, state: { count: 2, names: ["a", "ü😀"] } });
    await store.save("schedules", { position: 3, state: null });
    expect(await store.load("deployments")).toEqual({ position: 25, state: { count: 2, names: ["a", "ü😀"] } });
    expect(await store.load("schedules")).toEqual({ position: 3, state: null });
    await store.close();
  });

  it("forgets a projection on reset", async () => {
    const store = open();
    await store.save("p", { position: 1, state: {} });
    await store.reset("p");
    expect(await store.load("p")).toBeUndefined();
    await store.close();
  });

  it("isolates the stored state from the caller's objects", async () => {
    const store = open();
    const state = { list: [1] };
    await store.save("p", { position: 1, state });
    state.list.push(2);
    const loaded = await store.load("p");
    expect(loaded).toEqual({ position: 1, state: { list: [1] } });
    await store.close();
  });

  it("rejects a bad snapshot with a typed error and keeps the old one", async () => {
    const store = open();
    await store.save("p", { position: 1, state: { ok: true } });
    await expect(store.save("p", { position: -1, state: {} })).rejects.toBeInstanceOf(InvalidSnapshotError);
    await expect(store.save("p", { position: 2, state: { n: Number.NaN } })).rejects.toThrow("state.n is NaN");
    await expect(store.save("", { position: 2, state: {} })).rejects.toThrow(/projection name/);
    expect(await store.load("p")).toEqual({ position: 1, state: { ok: true } });
    await store.close();
  });
});

describe("sqlite checkpoint store specifics", () => {
  it("persists across reopening and can share the event store's file", async () => {
    const path = temp.path("shared.db");
    const events = openSqliteEventStore({ path });
    const first = openSqliteCheckpointStore({ path });
    await first.save("p", { position: 7, state: { total: 7 } });
    await first.close();
    const second = openSqliteCheckpointStore({ path });
    expect(await second.load("p")).toEqual({ position: 7, state: { total: 7 } });
    expect(await events.headPosition()).toBe(0);
    await second.close();
    await events.close();
  });

  it("reports an unreadable state as CorruptCheckpointError", async () => {
    const path = temp.path("corrupt.db");
    const store = openSqliteCheckpointStore({ path });
    await store.save("p", { position: 1, state: {} });
    const raw = new Database(path);
    raw.prepare("UPDATE projection_checkpoints SET state = '{' WHERE projection = 'p'").run();
    raw.close();
    await expect(store.load("p")).rejects.toBeInstanceOf(CorruptCheckpointError);
    await store.close();
  });
});
