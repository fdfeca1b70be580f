import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, getPostgresUrl, type TestDatabase } from "./support/postgres.js";
import { canTraverse } from "./support/postgres-user-access.js";

describe("tests/support/postgres", () => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of created) await db.drop();
  });

  it("gives a reachable server URL", async () => {
    const client = new pg.Client({ connectionString: await getPostgresUrl() });
    await client.connect();
    const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
    await client.end();
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("creates separate databases that drop cleanly", async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    created.push(a, b);
    expect(a.name).not.toBe(b.name);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    await client.query("CREATE TABLE only_in_a (x int)");
    const { rows } = await client.query<{ db: string }>("SELECT current_database() AS db");
    await client.end();
    expect(rows[0]?.db).toBe(a.name);

    const other = new pg.Client({ connectionString: b.url });
    await other.connect();
    const tables = await other.query("SELECT 1 FROM pg_tables WHERE tablename = 'only_in_a'");
    await other.end();
    expect(tables.rowCount).toBe(0);

    await a.drop();
    const admin = new pg.Client({ connectionString: await getPostgresUrl() });
    await admin.connect();
    const left = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [a.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});

describe("tests/support/postgres-user-access", () => {
  it("sees when a folder on the way blocks a user who owns nothing (as when a clone lives under /root)", () => {
    const root = mkdtempSync(join(tmpdir(), "cl-access-"));
    try {
      const inner = join(root, "repo", "node_modules");
      mkdirSync(inner, { recursive: true });
      const stranger = { uid: 54_321, gid: 54_321 };
      chmodSync(root, 0o755);
      expect(canTraverse(inner, stranger)).toBe(true);
      chmodSync(join(root, "repo"), 0o700);
      expect(canTraverse(inner, stranger)).toBe(false);
      expect(canTraverse(inner, undefined)).toBe(false);
      chmodSync(join(root, "repo"), 0o701);
      expect(canTraverse(inner, stranger)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
