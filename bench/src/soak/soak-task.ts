import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { percentileSorted } from "../harness/stats.js";
import { startPostgres } from "../infra/postgres-server.js";
import { createOurControlPlane, createOurDriver, setUpTenant } from "../workloads/our-driver.js";
import { runSoakWriter } from "./soak-plan.js";

export interface SoakWindow {
  /** Seconds since the load started, at the end of the window. */
  readonly atSeconds: number;
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** After a forced GC, so the figure is live memory rather than garbage not yet collected. */
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
}

export interface SoakResult {
  readonly minutes: number;
  readonly connections: number;
  readonly postgres: string;
  readonly commands: number;
  readonly errors: number;
  readonly firstErrors: readonly string[];
  readonly commandsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly windows: readonly SoakWindow[];
}

const CONNECTIONS = 8;
const WINDOW_SECONDS = 10;

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/**
 * The soak (issue 8), run in a child process started with --expose-gc: 8 writers on a PostgreSQL store with an
 * 8-connection pool send the mixed command load for `minutes`; every 10 s it records throughput, p50/p99 latency,
 * errors and live heap.
 */
export async function soakTask(input: unknown): Promise<SoakResult> {
  const minutes = typeof (input as { minutes?: unknown } | null)?.minutes === "number" ? (input as { minutes: number }).minutes : 5;
  const server = await startPostgres();
  try {
    const url = await server.createDatabase("bench_soak");
    const store = await createPostgresEventStore({ connectionString: url, maxConnections: CONNECTIONS });
    try {
      const tenant = await setUpTenant(store, 8_000, CONNECTIONS);
      // One control plane for all writers, as one service process serving 8 concurrent requests would have.
      const { plane } = createOurControlPlane(store, 8_500);
      const all: number[] = [];
      let window: number[] = [];
      let windowErrors = 0;
      let errors = 0;
      const firstErrors: string[] = [];
      const windows: SoakWindow[] = [];
      const start = performance.now();
      const deadline = start + minutes * 60_000;
      const stop = (): boolean => performance.now() >= deadline;
      let windowStart = start;
      const closeWindow = (): void => {
        const now = performance.now();
        const sorted = [...window].sort((a, b) => a - b);
        forceGc();
        const memory = process.memoryUsage();
        windows.push({
          atSeconds: Math.round((now - start) / 1000),
          commandsPerSecond: window.length / ((now - windowStart) / 1000),
          p50Ms: percentileSorted(sorted, 50),
          p99Ms: percentileSorted(sorted, 99),
          errors: windowErrors,
          heapUsedBytes: memory.heapUsed,
          rssBytes: memory.rss,
        });
        for (const latency of window) all.push(latency);
        window = [];
        windowErrors = 0;
        windowStart = now;
      };
      const timer = setInterval(closeWindow, WINDOW_SECONDS * 1000);
      const writers = Array.from({ length: CONNECTIONS }, async (_, w) => {
        const driver = createOurDriver(store, tenant, w, 9_000 + w, plane);
        const progress = { deployments: 0 };
        // A writer that hits an error records it and carries on with a fresh deployment: the soak counts errors, it
        // does not stop at the first one.
        while (!stop()) {
          try {
            await runSoakWriter(driver, w, progress, (latency) => window.push(latency), stop);
          } catch (error) {
            errors += 1;
            windowErrors += 1;
            if (firstErrors.length < 5) firstErrors.push(error instanceof Error ? error.message : String(error));
          }
        }
      });
      await Promise.all(writers);
      clearInterval(timer);
      // A last sliver of a window (writers finishing their command) says nothing about rates; count its commands only.
      if (performance.now() - windowStart >= 1_000) closeWindow();
      else all.push(...window);
      const sorted = all.sort((a, b) => a - b);
      const seconds = (performance.now() - start) / 1000;
      return {
        minutes,
        connections: CONNECTIONS,
        postgres: server.source,
        commands: sorted.length,
        errors,
        firstErrors,
        commandsPerSecond: sorted.length / seconds,
        p50Ms: percentileSorted(sorted, 50),
        p99Ms: percentileSorted(sorted, 99),
        windows,
      };
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}
