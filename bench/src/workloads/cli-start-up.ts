import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderTerminalTable, type Column } from "@cloud-ledger/cli";
import type { WorkloadGroup } from "../context.js";
import { median, secondsSince } from "../harness/stats.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** What `pnpm cloud-ledger` runs, without pnpm's own start-up (~0.4 s, the same for every script). */
const LAUNCHER = path.join(ROOT, "scripts", "cloud-ledger.mjs");
/** Rows of the table workload, and twice as many: linear rendering takes about twice the time. */
export const TABLE_ROWS = 20_000;

/** Median wall-clock seconds of a process from spawn to exit, after one untimed run (file cache). */
function processSeconds(args: readonly string[], runs: number): { seconds: number; runs: number[] } {
  const once = (): number => {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    const seconds = secondsSince(start);
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    return seconds;
  };
  once();
  const times = Array.from({ length: runs }, once);
  return { seconds: median(times), runs: times };
}

type Row = readonly string[];
const COLUMNS: Column<Row>[] = ["Deployment", "Schedule", "Interval", "Runs / Day", "Enabled"].map((header, index) => ({
  header,
  cell: (row) => row[index] ?? "",
}));

function bodyOf(rows: number): Row[] {
  return Array.from({ length: rows }, (_, i) => [
    `deployment-${i % 7}`,
    `schedule-${i}`,
    "0 6 * * *",
    String(1 + (i % 24)),
    i % 3 === 0 ? "False" : "True",
  ]);
}

/** Median seconds to render each table; the sizes take turns, so a busy moment of the machine weighs on all of them. */
function tableSeconds(sizes: readonly number[], runs: number): { seconds: number; runs: number[] }[] {
  const bodies = sizes.map(bodyOf);
  const times = sizes.map((): number[] => []);
  for (let run = 0; run <= runs; run += 1) {
    bodies.forEach((body, index) => {
      const start = process.hrtime.bigint();
      renderTerminalTable(COLUMNS, body);
      if (run > 0) times[index]!.push(secondsSince(start));
    });
  }
  return times.map((measured) => ({ seconds: median(measured), runs: measured }));
}

/**
 * Issue 13's start-up and output rows: `--version` and `--help` through the launcher next to a bare `node -e 0`, and a
 * terminal table of 20 k and 40 k rows (the renderer must stay linear in rows).
 */
export const cliStartUpGroup: WorkloadGroup = ({ config, report }) => {
  const runs = config.measure.runs * 2 + 1;
  const trace = spawnSync(process.execPath, [LAUNCHER, "--version"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CLOUD_LEDGER_LAUNCHER_TRACE: "1" },
  });
  const compiled = trace.stderr.includes("launcher: dist");
  const note = compiled ? "compiled dist" : "dist missing or stale: ran the sources through tsx (run `pnpm build` for the real figure)";
  const node = processSeconds(["-e", "0"], runs);
  report.add({ workload: "CLI start-up", store: "-", variant: "node -e 0", value: node.seconds, unit: "s", runs: node.runs });
  for (const flag of ["--version", "--help"]) {
    const cli = processSeconds([LAUNCHER, flag], runs);
    report.add({
      workload: "CLI start-up",
      store: "-",
      variant: `cloud-ledger ${flag}`,
      value: cli.seconds,
      unit: "s",
      runs: cli.runs,
      note,
    });
  }
  const sizes = [TABLE_ROWS, TABLE_ROWS * 2];
  tableSeconds(sizes, runs).forEach((table, index) => {
    report.add({
      workload: "terminal table",
      store: "-",
      variant: `${sizes[index]!} rows`,
      value: table.seconds,
      unit: "s",
      runs: table.runs,
    });
  });
  return Promise.resolve();
};
