/**
 * The crash-safety scenario for one store: a writer process is SIGKILLed at seeded random moments, again and again;
 * after each kill the store must verify, hold every acknowledged append where it was acknowledged, and hold no
 * half-written batch. The next writer first retries the command the kill cut short (same command id), as a client
 * would; at the end a last retry settles everything and the cross-stream rules must hold.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { verifyStore, type EventStore } from "@cloud-ledger/domain";
import { LogReplay } from "./reliability-replay.js";
import { startWriter, storeProblems, unfinishedCommand, type WriterLine } from "./reliability-processes.js";

export interface CrashRunOptions {
  /** How the writer opens the store (sqlite:<file> or a postgres URL). */
  readonly spec: string;
  /** Opens the parent's own view of the store after each kill (a fresh connection, like a restarted service). */
  readonly open: () => Promise<EventStore>;
  readonly kills: number;
  readonly seed: number;
  /** Longest wait, after the writer's first finished command, before a time-based kill. */
  readonly maxDelayMs: number;
}

export interface CrashRunReport {
  readonly kills: number;
  /** Kills that landed between a command's begin and its done line. */
  readonly cutCommands: number;
  /** Kills that landed while an append was in flight (intent printed, no appended or conflict line). */
  readonly cutAppends: number;
  readonly acknowledgedAppends: number;
  readonly events: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function inFlightAppend(lines: readonly WriterLine[]): boolean {
  const intents = lines.filter((l) => l.t === "intent").length;
  const settled = lines.filter((l) => l.t === "appended" || l.t === "conflict").length;
  return intents > settled;
}

async function checkAfterKill(options: CrashRunOptions, lines: readonly WriterLine[], context: string): Promise<LogReplay> {
  const store = await options.open();
  try {
    const verified = await verifyStore(store);
    expect(verified, `audit verify after ${context}`).toMatchObject({ ok: true });
    const all = await store.readAll();
    expect(storeProblems(all, lines), context).toEqual([]);
    const replay = new LogReplay();
    replay.apply(all);
    expect(replay.violations, context).toEqual([]);
    expect(replay.staleDecisions, `${context}: one writer at a time cannot decide on a stale deployment`).toEqual([]);
    return replay;
  } finally {
    await store.close();
  }
}

export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunReport> {
  // Half the kills come at a random time after the first finished command; the other half right after a random append
  // was announced, so that many land while a batch is on its way into the store.
  const moments = fc.sample(
    fc.oneof(
      fc.record({ after: fc.constant("done" as const), count: fc.constant(1), delay: fc.integer({ min: 0, max: options.maxDelayMs }) }),
      fc.record({ after: fc.constant("intent" as const), count: fc.integer({ min: 2, max: 12 }), delay: fc.integer({ min: 0, max: 2 }) }),
    ),
    { seed: options.seed, numRuns: options.kills },
  );
  const lines: WriterLine[] = [];
  let retry: string | undefined;
  let cutCommands = 0;
  let cutAppends = 0;
  for (const [index, moment] of moments.entries()) {
    const writer = startWriter(options.spec, index, options.seed + index, 0, retry);
    await writer.waitFor(moment.after, moment.count);
    await sleep(moment.delay);
    writer.child.kill("SIGKILL");
    const exit = await writer.exited;
    expect(exit.signal, `writer ${index} should die by SIGKILL, not ${exit.code}: ${exit.stderr}`).toBe("SIGKILL");
    lines.push(...writer.lines);
    if (inFlightAppend(writer.lines)) cutAppends += 1;
    retry = unfinishedCommand(writer.lines);
    if (retry !== undefined) cutCommands += 1;
    await checkAfterKill(
      options,
      lines,
      `kill ${index + 1} of ${options.kills} (${moment.delay} ms after ${moment.after} #${moment.count})`,
    );
  }
  // The last command cut short is retried to completion; then every command has finished and the log must settle.
  const last = startWriter(options.spec, options.kills, options.seed + options.kills, 1, retry);
  const exit = await last.exited;
  expect(exit.code, exit.stderr).toBe(0);
  lines.push(...last.lines);
  const replay = await checkAfterKill(options, lines, "the final retry");
  expect(replay.settledProblems()).toEqual([]);
  return {
    kills: options.kills,
    cutCommands,
    cutAppends,
    acknowledgedAppends: lines.filter((l) => l.t === "appended").length,
    events: replay.events,
  };
}
