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
}

type Done = Extract<WriterLine, { t: "done" }>;

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
  expect(replay.settledProblems()).toEqual([]);

  // Exactly once: the events stored under each command id are the ones its writer saw appended, no more, no fewer.
  const begun = lines.filter((l) => l.t === "begin").map((l) => l.c);
  const done = new Map(lines.filter((l): l is Done => l.t === "done").map((l) => [l.c, l]));
  expect(
    begun.filter((c) => !done.has(c)),
    "every command got an answer",
  ).toEqual([]);
  // Appended lines say which command wrote each event (a command's follow-up writes may carry a derived command id).
  const writerOf = new Map<string, string>();
  for (const l of lines) if (l.t === "appended") for (const id of l.ids) writerOf.set(id, l.c);
  const stored = new Map<string, string[]>();
  for (const event of all) {
    if (event.metadata.commandId.startsWith("boot-")) continue;
    const commandId = writerOf.get(event.eventId);
    expect(commandId, `stored event ${event.eventId} (${event.streamName}@${event.version}) that no writer saw appended`).toBeDefined();
    if (commandId !== undefined) stored.set(commandId, [...(stored.get(commandId) ?? []), event.eventId]);
  }
  for (const [commandId, answer] of done) {
    if (answer.r === "ok") expect((stored.get(commandId) ?? []).sort(), commandId).toEqual(answer.events.map(([, , id]) => id).sort());
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
  };
}
