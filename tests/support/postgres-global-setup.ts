/**
 * Vitest global setup: one PostgreSQL server per test run, handed to test workers through `provide("postgresUrl")`.
 * With DATABASE_URL set, that server is used instead and nothing is started. Tests reach it through
 * tests/support/postgres.ts (`getPostgresUrl`, `createTestDatabase`).
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres-server.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env["DATABASE_URL"];
  if (given !== undefined && given !== "") {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
