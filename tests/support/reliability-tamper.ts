/**
 * Tampering for the tamper suite: a realistic log (the scenario universe plus seeded random commands), the kinds of
 * tampering an attacker with write access to the storage can do, and how each one is applied to an event list
 * (memory store, NDJSON file) or to the rows of a SQL store (SQLite, PostgreSQL).
 */
import fc from "fast-check";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import { createControlPlane, type EventStore, type JsonValue, type NewEvent, type RecordedEvent } from "@cloud-ledger/domain";
import { createScenarioGit, resolveScenarioStep, scenarioStepArbitrary } from "@cloud-ledger/domain/testing";
import { LogReplay } from "./reliability-replay.js";
import { bootstrapWorld, universe, worldOf } from "./reliability-world.js";

/**
 * - edit-data / edit-actor / edit-hash: one field of the event at (stream, version) changed in place;
 * - delete: the event removed;
 * - swap: the contents of versions `version` and `version + 1` exchanged (positions and version numbers stay);
 * - move: the event moved after the stream's next event (global order changed, version numbers kept);
 * - insert: a forged event put in before `version` (the stream's later events shift up by one).
 * Every kind must be reported at exactly (stream, version).
 */
export const TAMPER_KINDS = ["edit-data", "edit-actor", "edit-hash", "delete", "swap", "move", "insert"] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

export interface Tamper {
  readonly kind: TamperKind;
  readonly streamName: string;
  /** Always below the stream's last version, so the stream has a next event (see the README on tail truncation). */
  readonly version: number;
}

/** A log built from the scenario universe and `steps` random commands, through the real control plane. */
export async function buildLog(seed: number, steps: number): Promise<readonly RecordedEvent[]> {
  const store = createMemoryEventStore();
  await bootstrapWorld(store);
  const git = createScenarioGit(universe);
  const plane = createControlPlane({
    store,
    clock: createSteppingClock("2023-08-01T00:00:00.000Z", 1000),
    ids: createSeededIdGenerator(seed),
    git: git.git,
  });
  const replay = new LogReplay();
  let n = 0;
  for (const step of fc.sample(scenarioStepArbitrary(universe), { seed, numRuns: steps })) {
    if (step.kind === "push") {
      git.push(step.repositoryUrl, step.branch, step.variant);
      continue;
    }
    replay.apply(await store.readAll({ after: replay.position }));
    const { actor, command } = resolveScenarioStep(step, universe, worldOf(replay));
    n += 1;
    await plane.dispatch({ actor, command, commandId: `tamper-${n}` });
  }
  return store.readAll();
}

/** `count` seeded targets per kind among events that have a next event in their stream. */
export function pickTampers(log: readonly RecordedEvent[], seed: number, count: number): Tamper[] {
  const last = new Map<string, number>();
  for (const e of log) last.set(e.streamName, e.version);
  const candidates = log.filter((e) => e.version < (last.get(e.streamName) ?? 0));
  if (candidates.length === 0) throw new Error("the log has no stream with two events");
  const picks = fc.sample(fc.nat({ max: candidates.length - 1 }), { seed, numRuns: count * TAMPER_KINDS.length });
  return picks.map((pick, index) => {
    const target = candidates[pick]!;
    return { kind: TAMPER_KINDS[index % TAMPER_KINDS.length]!, streamName: target.streamName, version: target.version };
  });
}

export function editedData(data: JsonValue): JsonValue {
  return typeof data === "object" && data !== null && !Array.isArray(data) ? { ...data, tampered: true } : { tampered: data };
}

/** A different hash of the right shape. */
export function otherHash(hash: string): string {
  return `${hash.startsWith("0") ? "1" : "0"}${hash.slice(1)}`;
}

/** A forged event for `stream`: a copy of `like` with a new id, changed data and a made-up hash. */
export function forgedEvent(like: RecordedEvent): RecordedEvent {
  return { ...like, eventId: `forged-${like.eventId}`, data: editedData(like.data), hash: otherHash(like.hash) };
}

export function toNew(event: RecordedEvent): NewEvent {
  const { eventId, type, schemaVersion, data, metadata, hash } = event;
  return { eventId, type, schemaVersion, data, metadata, hash };
}

/** Copies a log into a store with each event's own version (positions follow the store). */
export async function loadLog(store: EventStore, log: readonly RecordedEvent[]): Promise<void> {
  for (const event of log) {
    await store.append(event.streamName, [toNew(event)], { expectedVersion: event.version === 1 ? "no_stream" : event.version - 1 });
  }
}

/**
 * The tampered log as a list in global order (for the memory store and NDJSON). Stream versions and global positions
 * are kept as they were, except after an insert, where the stream's later versions and all later positions shift up.
 */
export function tamperList(log: readonly RecordedEvent[], tamper: Tamper): RecordedEvent[] {
  const at = log.findIndex((e) => e.streamName === tamper.streamName && e.version === tamper.version);
  const nextAt = log.findIndex((e) => e.streamName === tamper.streamName && e.version === tamper.version + 1);
  if (at < 0 || nextAt < 0) throw new Error(`no ${tamper.streamName}@${tamper.version} with a next event`);
  const list = [...log];
  const target = log[at]!;
  const next = log[nextAt]!;
  const keepPlace = (content: RecordedEvent, place: RecordedEvent): RecordedEvent => ({
    ...content,
    streamName: place.streamName,
    version: place.version,
    globalPosition: place.globalPosition,
  });
  switch (tamper.kind) {
    case "edit-data":
      list[at] = { ...target, data: editedData(target.data) };
      return list;
    case "edit-actor":
      list[at] = { ...target, metadata: { ...target.metadata, actor: "github:6666" } };
      return list;
    case "edit-hash":
      list[at] = { ...target, hash: otherHash(target.hash) };
      return list;
    case "delete":
      list.splice(at, 1);
      return list;
    case "swap":
      list[at] = keepPlace(next, target);
      list[nextAt] = keepPlace(target, next);
      return list;
    case "move":
      list.splice(at, 1);
      list.splice(nextAt, 0, target);
      return list.map((e, i) => ({ ...e, globalPosition: i + 1 }));
    case "insert":
      list.splice(at, 0, forgedEvent(target));
      return list.map((e, i) => ({
        ...e,
        globalPosition: i + 1,
        version: e.streamName === tamper.streamName && i > at ? e.version + 1 : e.version,
      }));
  }
}
