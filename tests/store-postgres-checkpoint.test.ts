import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckpointStore } from "@cloud-ledger/domain";
import { createPostgresCheckpointStore, CorruptCheckpointError } from "@cloud-ledger/adapters/postgres";
import { InvalidSnapshotError } from "@cloud-ledger/adapters/memory";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

describe("postgres checkpoint store", () => {
  let database: TestDatabase;
  let store: CheckpointStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createPostgresCheckpointStore({ connectionString: database.url });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it("loads nothing for an unknown projection", async () => {
    expect(await store.load("never-saved")).toBeUndefined();
  });

  it("saves, overwrites and resets position and state together", async () => {
    await store.save("orgs", { position: 3, state: { b: 1, a: ["x", { é: "😀" }] } });
    expect(await store.load("orgs")).toEqual({ position: 3, state: { b: 1, a: ["x", { é: "😀" }] } });
    await store.save("orgs", { position: 9, state: null });
    expect(await store.load("orgs")).toEqual({ position: 9, state: null });
    await store.reset("orgs");
    expect(await store.load("orgs")).toBeUndefined();
  });

  it("keeps projections apart and survives a new connection", async () => {
    await store.save("a", { position: 1, state: "A" });
    await store.save("b", { position: 2, state: "B" });
    const again = await createPostgresCheckpointStore({ connectionString: database.url });
    expect(await again.load("a")).toEqual({ position: 1, state: "A" });
    expect(await again.load("b")).toEqual({ position: 2, state: "B" });
    await again.close();
  });

  it("rejects a bad snapshot with a typed error and writes nothing", async () => {
    await store.save("guarded", { position: 5, state: 1 });
    await expect(store.save("guarded", { position: -1, state: 2 })).rejects.toBeInstanceOf(InvalidSnapshotError);
    await expect(store.save("guarded", { position: 6, state: { bad: undefined } as never })).rejects.toBeInstanceOf(InvalidSnapshotError);
    expect(await store.load("guarded")).toEqual({ position: 5, state: 1 });
  });

  it("reports a checkpoint whose stored state is not JSON", async () => {
    await store.save("edited", { position: 1, state: {} });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("UPDATE cl_checkpoints SET state = '{oops' WHERE projection = 'edited'");
    await admin.end();
    await expect(store.load("edited")).rejects.toBeInstanceOf(CorruptCheckpointError);
  });

  it("commits the checkpoint with the caller's transaction when given its client", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const inTx = await createPostgresCheckpointStore({ client });
    await client.query("BEGIN");
    await inTx.save("tx", { position: 7, state: "rolled back" });
    await client.query("ROLLBACK");
    expect(await store.load("tx")).toBeUndefined();
    await inTx.close();
    await client.end();
  });

  it("refuses every call after close", async () => {
    const closing = await createPostgresCheckpointStore({ connectionString: database.url });
    await closing.close();
    await expect(closing.load("a")).rejects.toThrow(/closed/);
  });
});
