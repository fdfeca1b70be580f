/**
 * A writer process for the crash and concurrency suites:
 *
 *   node --conditions=source --import tsx reliability-writer.ts <store spec> <writer id> <seed> <duration ms | 0 = forever> [retry]
 *
 * It dispatches random scenario commands (fast-check, seeded) through the real control plane against the store and
 * reports, one JSON line each on stdout (a pipe, written synchronously on Linux), what it is about to do and what the
 * store acknowledged:
 *   begin    {c, actor, command}            before dispatching command id c
 *   intent   {c, s, ids, expected}          before one append to stream s (the event ids of the batch)
 *   appended {c, s, ids, first, last}       after that append resolved: the versions the batch got
 *   conflict {c, s}                         the append lost a race (the command handler re-decides)
 * A multi-stream append (appendStreams) reports one intent per part, all carrying the same `group`, then one
 * appended line per part, or one conflict line per part (the whole append lost the race).
 *   done     {c, r, events, duplicate}      after dispatch: r = ok | rejected | conflict | corrupt
 * `retry` (base64 JSON of a begin line) is dispatched first, with its command id: how a client finishes a command a
 * crash cut short.
 */
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { createControlPlane, type ControlPlaneCommand, type EventStore } from "@cloud-ledger/domain";
import { createScenarioGit, resolveScenarioStep, scenarioStepArbitrary } from "@cloud-ledger/domain/testing";
import fc from "fast-check";
import { LogReplay } from "./reliability-replay.js";
import { openStoreFromSpec, universe, worldOf } from "./reliability-world.js";

const [spec, writerId, seedText, durationText, retryText] = process.argv.slice(2);
if (spec === undefined || writerId === undefined || seedText === undefined || durationText === undefined) {
  throw new Error("usage: reliability-writer <store spec> <writer id> <seed> <duration ms> [retry]");
}
const seed = Number(seedText);
const duration = Number(durationText);

function say(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Reports every append before and after it reaches the store. */
let groups = 0;

function reporting(store: EventStore, current: () => string): EventStore {
  const view: EventStore = {
    ...store,
    name: store.name,
    async append(streamName, events, options) {
      const c = current();
      const ids = events.map((e) => e.eventId);
      say({ t: "intent", c, s: streamName, ids, expected: options.expectedVersion });
      try {
        const result = await store.append(streamName, events, options);
        say({
          t: "appended",
          c,
          s: streamName,
          ids,
          first: result.nextExpectedVersion - events.length + 1,
          last: result.nextExpectedVersion,
        });
        return result;
      } catch (error) {
        if (error instanceof Error && error.name === "WrongExpectedVersionError") say({ t: "conflict", c, s: streamName });
        throw error;
      }
    },
  };
  const appendStreams = store.appendStreams?.bind(store);
  if (appendStreams !== undefined) {
    view.appendStreams = async (appends) => {
      const c = current();
      groups += 1;
      const group = `${process.pid}-${groups}`;
      for (const part of appends) {
        say({ t: "intent", c, s: part.streamName, ids: part.events.map((e) => e.eventId), expected: part.expectedVersion, group });
      }
      try {
        const results = await appendStreams(appends);
        appends.forEach((part, i) => {
          const next = results[i]!.nextExpectedVersion;
          const ids = part.events.map((e) => e.eventId);
          say({ t: "appended", c, s: part.streamName, ids, first: next - part.events.length + 1, last: next });
        });
        return results;
      } catch (error) {
        if (error instanceof Error && error.name === "WrongExpectedVersionError") {
          for (const part of appends) say({ t: "conflict", c, s: part.streamName });
        }
        throw error;
      }
    };
  }
  return view;
}

interface Dispatchable {
  readonly c: string;
  readonly actor: string;
  readonly command: ControlPlaneCommand;
}

const store = await openStoreFromSpec(spec);
let currentCommand = "";
const git = createScenarioGit(universe);
const plane = createControlPlane({
  store: reporting(store, () => currentCommand),
  clock: createSystemClock(),
  ids: createIdGenerator(),
  git: git.git,
});
const replay = new LogReplay();

async function run({ c, actor, command }: Dispatchable): Promise<void> {
  currentCommand = c;
  say({ t: "begin", c, actor, command });
  const result = await plane.dispatch({ actor, command, commandId: c });
  if (result._tag === "Right") {
    const events = result.right.events.map((e) => [e.streamName, e.version, e.eventId]);
    say({ t: "done", c, r: "ok", events, duplicate: result.right.duplicate });
  } else {
    say({ t: "done", c, r: result.left.kind, events: [], ...(result.left.kind === "rejected" ? { code: result.left.error.code } : {}) });
  }
}

say({ t: "ready" });
if (retryText !== undefined && retryText !== "") await run(JSON.parse(Buffer.from(retryText, "base64").toString("utf8")) as Dispatchable);

const stop = duration > 0 ? Date.now() + duration : Number.POSITIVE_INFINITY;
const steps = scenarioStepArbitrary(universe);
let n = 0;
for (let chunk = 0; Date.now() < stop; chunk += 1) {
  for (const step of fc.sample(steps, { seed: seed * 7919 + chunk, numRuns: 50 })) {
    if (Date.now() >= stop) break;
    // Pushes change a per-process git; other writers could not resolve their commits, so they are left out.
    if (step.kind === "push") continue;
    replay.apply(await store.readAll({ after: replay.position }));
    const { actor, command } = resolveScenarioStep(step, universe, worldOf(replay));
    n += 1;
    await run({ c: `w${writerId}-s${seed}-${n}`, actor, command });
  }
}
say({ t: "finished", commands: n });
await store.close();
