/**
 * The concurrent-writers scenario for one store: several writer processes run seeded random command mixes against the
 * same store for a fixed time. Afterwards the log verifies, replays through every decider with the domain's rules
 * intact, each acknowledged command's events are there exactly once, and every conflict was retried, re-decided or
 * reported to the caller — none vanished.
 */
import { expect } from "vitest";
import { verifyStore, type EventStore, type RecordedEvent } from "@cloud-ledger/domain";
import { LogReplay } from "./reliability-replay.js";
import { startWriter, storeProblems, type WriterLine } from "./reliability-processes.js";

export interface ConcurrencyRunOptions {
  readonly spec: string;
  readonly open: () => Promise<EventStore>;
  readonly writers: number;
  readonly durationMs: number;
  readonly seed: number;
}

export interface ConcurrencyReport {
  readonly commands: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Appends that lost a race (the handler re-read and re-decided). */
  readonly conflicts: number;
  /** Of those: the re-decided command then appended to that stream. */
  readonly conflictsRetried: number;
  /** Of those: the re-decided command found nothing left to do there, or was refused (e.g. the name was taken meanwhile). */
  readonly conflictsRedecided: number;
  /** Commands that gave up after the handler's attempts and told the caller so (`conflict`). */
  readonly conflictsReported: number;
  readonly events: number;
  /** Execution requests appended after the deployment state they were decided on had changed (see LogReplay). */
  readonly staleDecisions: readonly string[];
  /** Projects whose index differs from their live deployments at the end (known bug, see above). */
  readonly indexDrift: readonly string[];
}

type Done = Extract<WriterLine, { t: "done" }>;

function idsByCommand(all: readonly RecordedEvent[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of all) map.set(e.metadata.commandId, [...(map.get(e.metadata.commandId) ?? []), e.eventId]);
  return map;
}

export async function runConcurrencyScenario(options: ConcurrencyRunOptions): Promise<ConcurrencyReport> {
  const writers = Array.from({ length: options.writers }, (_v, id) => startWriter(options.spec, id, options.seed + id, options.durationMs));
  const exits = await Promise.all(writers.map((w) => w.exited));
  for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
  const lines = writers.flatMap((w) => w.lines);

  const store = await options.open();
  let all: readonly RecordedEvent[];
  try {
    expect(await verifyStore(store)).toMatchObject({ ok: true });
    all = await store.readAll();
  } finally {
    await store.close();
  }
  expect(storeProblems(all, lines)).toEqual([]);
  const replay = new LogReplay();
  replay.apply(all);
  expect(replay.violations).toEqual([]);
  // A project's index can drift under a concurrent create and delete of one deployment name (a known bug, pinned by
  // reliability-concurrency-races.test.ts): counted and reported here, every other settled rule must hold.
  const indexDrift = replay.indexProblems();
  expect(replay.settledProblems().filter((problem) => !indexDrift.includes(problem))).toEqual([]);

  // Exactly once: the events stored under each command id are the ones its writer saw appended, no more, no fewer.
  const begun = lines.filter((l) => l.t === "begin").map((l) => l.c);
  const done = new Map(lines.filter((l): l is Done => l.t === "done").map((l) => [l.c, l]));
  expect(begun.filter((c) => !done.has(c)), "every command got an answer").toEqual([]);
  const stored = idsByCommand(all);
  const appendedIds = new Map<string, string[]>();
  for (const l of lines) if (l.t === "appended") appendedIds.set(l.c, [...(appendedIds.get(l.c) ?? []), ...l.ids]);
  for (const [commandId, ids] of stored) {
    if (commandId.startsWith("boot-")) continue;
    const answer = done.get(commandId);
    expect(answer, `events of ${commandId}, which no writer dispatched`).toBeDefined();
    expect([...ids].sort(), commandId).toEqual([...(appendedIds.get(commandId) ?? [])].sort());
    if (answer?.r === "ok") expect([...ids].sort(), commandId).toEqual(answer.events.map(([, , id]) => id).sort());
  }
  for (const [commandId, answer] of done) {
    if (answer.r === "ok") expect(stored.get(commandId) ?? [], commandId).toHaveLength(answer.events.length);
  }

  // Every conflict: retried (the command appended to the stream after all), re-decided (nothing left or refused), or reported.
  let retried = 0;
  let redecided = 0;
  let reported = 0;
  for (const [index, line] of lines.entries()) {
    if (line.t !== "conflict") continue;
    const later = lines.slice(index + 1);
    const answer = done.get(line.c);
    if (later.some((l) => l.t === "appended" && l.c === line.c && l.s === line.s)) retried += 1;
    else if (answer?.r === "conflict") reported += 1;
    else if (answer?.r === "ok" || answer?.r === "rejected") redecided += 1;
    else throw new Error(`conflict of ${line.c} on ${line.s} was neither retried nor reported: ${JSON.stringify(answer)}`);
  }
  const answers = [...done.values()];
  return {
    commands: begun.length,
    accepted: answers.filter((a) => a.r === "ok").length,
    rejected: answers.filter((a) => a.r === "rejected").length,
    conflicts: lines.filter((l) => l.t === "conflict").length,
    conflictsRetried: retried,
    conflictsRedecided: redecided,
    conflictsReported: reported,
    events: all.length,
    staleDecisions: replay.staleDecisions,
    indexDrift,
  };
}
