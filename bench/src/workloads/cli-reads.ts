import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext, WorkloadGroup } from "../context.js";
import { buildSqliteLogs } from "../data/build-logs.js";
import { median } from "../harness/stats.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CLI = path.join(ROOT, "packages/cli/dist/main.js");
const PACKAGES = ["domain", "projections", "adapters", "cli"];
/** Prints the process's peak RSS (KiB) on stderr at exit: how much a CLI call needed, measured from inside. */
const RSS_PROBE =
  "data:text/javascript,import{writeSync}from'node:fs';" +
  "process.on('exit',()=>writeSync(2,'\\nMAXRSS_KIB '+process.resourceUsage().maxRSS+'\\n'))";

/** The commands a user types to read (the three), as the first organization's owner. */
export const READ_COMMANDS: readonly (readonly [string, readonly string[]])[] = [
  ["history --limit 10", ["history", "--limit", "10", "--org", "acme-1", "--project", "Data Platform 1"]],
  ["schedule list", ["schedule", "list", "--org", "acme-1", "--project", "Data Platform 1", "--deployment", "prod"]],
  ["org list", ["org", "list"]],
];

function newest(entry: string): number {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

/** The CLI as users run it (`dist/main.js`, built by tsup): rebuilt when any package's sources are newer. */
function ensureBuiltCli(): void {
  let rebuild = false;
  for (const name of PACKAGES) {
    const folder = path.join(ROOT, "packages", name);
    const dist = path.join(folder, "dist");
    rebuild ||= !existsSync(dist) || newest(path.join(folder, "src")) > statSync(dist).mtimeMs;
    if (rebuild) execFileSync("pnpm", ["run", "build"], { cwd: folder, stdio: "pipe" });
  }
}

interface CliRun {
  readonly seconds: number;
  readonly peakRssBytes: number;
}

function runCli(args: readonly string[], home: string, store?: string): CliRun {
  const argv = ["--import", RSS_PROBE, CLI, ...args, ...(store === undefined ? [] : ["--store", `sqlite:${store}`])];
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { env: { ...process.env, CLOUD_LEDGER_HOME: home }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`cloud-ledger ${args.join(" ")} exited ${String(result.status)}: ${result.stderr}`);
  const kib = Number(/MAXRSS_KIB (\d+)/.exec(result.stderr)?.[1] ?? Number.NaN);
  return { seconds, peakRssBytes: kib * 1024 };
}

function timed(runs: number, run: () => CliRun): { seconds: number; runs: number[]; peakRssBytes: number } {
  run(); // warm-up: the OS file cache, and the first catch-up of the read models
  const samples: CliRun[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(run());
  return {
    seconds: median(samples.map((s) => s.seconds)),
    runs: samples.map((s) => s.seconds),
    peakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
  };
}

/**
 * Issue 13: read commands of the built CLI, each a fresh process, on SQLite stores of several sizes whose read models
 * were built by an earlier call (a CLI call catches up from the persisted checkpoint, then reads by key). Beside them
 * the CLI's own `--version`, the first call on each store (the one-time build of the read models), and each read's
 * peak RSS.
 */
export const cliReadsGroup: WorkloadGroup = async (context: BenchContext) => {
  const { config, report, temp } = context;
  ensureBuiltCli();
  const sizes = [...new Set([...config.readGrowthSizes, config.readBigEvents])].sort((a, b) => a - b);
  const built = await buildSqliteLogs(temp, config.seed + 13, sizes);
  const home = temp.file("cli-home");
  mkdirSync(home, { recursive: true });
  runCli(["login", "--github-user", "100001", "--login", "dev-1"], home);
  const runs = config.measure.runs;

  const version = timed(runs, () => runCli(["--version"], home));
  const ms = (seconds: readonly number[]): number[] => seconds.map((s) => s * 1000);
  report.add({
    workload: "cli start-up",
    store: "none",
    variant: "--version",
    value: version.seconds * 1000,
    unit: "ms",
    runs: ms(version.runs),
  });

  for (const log of built.logs) {
    const first = runCli(READ_COMMANDS[2]?.[1] ?? [], home, log.sqlitePath);
    const variant = `${log.events} events`;
    report.add({ workload: "cli first call (builds the read models)", store: "sqlite", variant, value: first.seconds * 1000, unit: "ms" });
    for (const [name, args] of READ_COMMANDS) {
      const read = timed(runs, () => runCli(args, home, log.sqlitePath));
      const command = `${name}, ${log.events} events`;
      report.add({ workload: "cli read", store: "sqlite", variant: command, value: read.seconds * 1000, unit: "ms", runs: ms(read.runs) });
      report.add({ workload: "cli read", store: "sqlite", variant: `${command}, peak RSS`, value: read.peakRssBytes, unit: "bytes" });
    }
  }
};
