import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runInChild } from "../harness/child.js";
import { formatValue } from "../harness/report.js";
import type { SoakResult, SoakWindow } from "./soak-task.js";

const OUT = fileURLToPath(new URL("../../soak-results.json", import.meta.url));
/** Live heap at the end may exceed the early steady state by this much and still count as flat. */
const FLAT_TOLERANCE = 1.25;

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * Memory is flat when the live heap (after GC) of the last third of the windows is within FLAT_TOLERANCE of the middle
 * third's. The first third is warm-up: the JIT, the connection pool and the command handler's stream cache (bounded,
 * 10,000 streams by default, and every execution is a new stream) fill up there; a leak keeps growing after it.
 */
export function heapGrowth(windows: readonly SoakWindow[]): number {
  const third = Math.max(1, Math.floor(windows.length / 3));
  const middle = mean(windows.slice(third, 2 * third).map((w) => w.heapUsedBytes));
  const last = mean(windows.slice(-third).map((w) => w.heapUsedBytes));
  return middle === 0 ? Number.NaN : last / middle;
}

/** `pnpm bench --soak [--minutes N]`: runs the soak in a child (for --expose-gc), prints it and writes soak-results.json. */
export async function runSoak(minutes: number): Promise<number> {
  console.log(`soak: ${minutes} min of mixed commands on PostgreSQL with 8 connections (a line every 10 s)…`);
  const { result, peakRssBytes } = await runInChild<SoakResult>("soak", { minutes }, ["--expose-gc"]);
  const lines = result.windows.map(
    (w) =>
      `${String(w.atSeconds).padStart(5)} s  ${w.commandsPerSecond.toFixed(0).padStart(6)} cmd/s  p50 ` +
      `${w.p50Ms.toFixed(1).padStart(6)} ms  ` +
      `p99 ${w.p99Ms.toFixed(1).padStart(7)} ms  errors ${w.errors}  heap ${formatValue(w.heapUsedBytes, "bytes")}  rss ` +
      `${formatValue(w.rssBytes, "bytes")}`,
  );
  const growth = heapGrowth(result.windows);
  const flat = growth <= FLAT_TOLERANCE;
  console.log(lines.join("\n"));
  console.log(
    `\ncommands ${result.commands} · ${result.commandsPerSecond.toFixed(0)} cmd/s · p50 ${result.p50Ms.toFixed(1)} ms · p99 ` +
      `${result.p99Ms.toFixed(1)} ms · ` +
      `errors ${result.errors} (${result.errors === 0 ? "PASS" : "MISS"}: must be 0) · live heap last/middle third ${growth.toFixed(2)} ` +
      `(${flat ? "PASS" : "MISS"}: flat within ${FLAT_TOLERANCE}x) · peak RSS ${formatValue(peakRssBytes, "bytes")}`,
  );
  if (result.firstErrors.length > 0) console.log(`first errors:\n  ${result.firstErrors.join("\n  ")}`);
  writeFileSync(OUT, `${JSON.stringify({ date: new Date().toISOString(), ...result, heapGrowth: growth, peakRssBytes }, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
  return result.errors === 0 && flat ? 0 : 1;
}
