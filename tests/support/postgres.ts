/**
 * PostgreSQL for tests. `getPostgresUrl()` is the server of this test run: DATABASE_URL when given, otherwise the one
 * the vitest global setup (postgres-global-setup.ts) started. `createTestDatabase()` makes a fresh, empty database on
 * it so test files never see each other's rows; `drop()` it in afterAll.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export interface TestDatabase {
  /** URL of the new database (same server, user and password as getPostgresUrl()). */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

export function getPostgresUrl(): Promise<string> {
  const given = process.env["DATABASE_URL"];
  if (given !== undefined && given !== "") return Promise.resolve(given);
  try {
    return Promise.resolve(inject("postgresUrl"));
  } catch (error) {
    return Promise.reject(
      new Error(
        `No PostgreSQL for tests: set DATABASE_URL, or run under vitest with tests/support/postgres-global-setup.ts ` +
          `registered as globalSetup (${String(error)})`,
      ),
    );
  }
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await getPostgresUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cl_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const ident = `"${name}"`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${ident} TEMPLATE template0 ENCODING 'UTF8'`));
  const url = new URL(await getPostgresUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`));
    },
  };
}

/** What `useTestDatabase` hands a test file: filled in before its first test, dropped after its last. */
export interface TestDatabaseHandle {
  /** The database's connection URL. */
  url: string;
  /** A connected client on it, for the raw SQL a test needs (inspecting, tampering). */
  admin: pg.Client;
}

/** A fresh database and an admin client for the calling test file (registers its own beforeAll / afterAll). */
export function useTestDatabase(): TestDatabaseHandle {
  const handle = {} as TestDatabaseHandle;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle.url = database.url;
    handle.admin = new pg.Client({ connectionString: database.url });
    await handle.admin.connect();
  });
  afterAll(async () => {
    await handle.admin?.end();
    await database?.drop();
  });
  return handle;
}

/**
 * For property tests that hold a PostgreSQL store against the memory store: one database for the calling file, and
 * each call a store on a fresh schema (an empty store, so global positions must match the memory store's exactly).
 */
export function usePostgresStorePerRun(schemaPrefix: string): () => Promise<EventStore> {
  let database: TestDatabase | undefined;
  let run = 0;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (database === undefined) throw new Error("usePostgresStorePerRun: the database is made in beforeAll");
    run += 1;
    return createPostgresEventStore({ connectionString: database.url, schema: `${schemaPrefix}_${run}` });
  };
}
