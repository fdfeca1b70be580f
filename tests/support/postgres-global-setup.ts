/**
 * Vitest global setup: one PostgreSQL server per test run, handed to test workers through `provide("postgresUrl")`.
 * With DATABASE_URL set, that server is used instead and nothing is started. Tests reach it through
 * tests/support/postgres.ts (`getPostgresUrl`, `createTestDatabase`). The server lives in a child process
 * (postgres-daemon.ts), which stops it when this process ends it or dies.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const daemon = fileURLToPath(new URL("./postgres-daemon.ts", import.meta.url));

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env["DATABASE_URL"];
  if (given !== undefined && given !== "") {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", daemon], {
    cwd: repositoryRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([once(lines, "line"), exited.then(() => [undefined])])) as [string | undefined];
  lines.close();
  const message = (first === undefined ? { error: "the PostgreSQL helper process exited before reporting" } : JSON.parse(first)) as {
    url?: string;
    error?: string;
  };
  if (message.url === undefined) {
    child.kill("SIGKILL");
    throw new Error(`No PostgreSQL for the tests: ${message.error ?? "unknown error"}`);
  }
  project.provide("postgresUrl", message.url);
  return async () => {
    if (child.exitCode !== null) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
}
