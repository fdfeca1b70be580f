import { deploymentStream, type DomainEvent } from "@cloud-ledger/domain";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { newChainHead, sealEvents, type ChainHead } from "./chain.js";
import type { LogBatch } from "./log-generator.js";
import { createRng } from "./rng.js";
import { SCHEDULES } from "./world.js";

/**
 * Ready batches of exactly `eventsPerAppend` events each, for the batch-append workload: every stream is one deployment
 * (created, then its schedules toggled on and off), and a stream takes `appendsPerStream` appends before the next
 * one starts — so appends hit both new and existing streams, with exact expected versions.
 */
export function* generateStreamRuns(seed: number, eventsPerAppend: number, appendsPerStream = 10): Generator<LogBatch, never, undefined> {
  const rng = createRng(seed);
  const ids = createSeededIdGenerator(seed);
  let now = Date.parse("2024-01-01T00:00:00.000Z");
  for (;;) {
    const organization = ids.ulid();
    const projectKey = rng.hex(32);
    const ref = { organization, projectKey, deployment: "prod" };
    const streamName = deploymentStream(projectKey, "prod");
    const head: ChainHead = newChainHead();
    const enabled = new Set<string>();
    for (let a = 0; a < appendsPerStream; a += 1) {
      const events: DomainEvent[] = [];
      while (events.length < eventsPerAppend) {
        if (head.version === 0 && events.length === 0) {
          const commit = rng.hex(40);
          events.push({
            type: "DeploymentCreated",
            data: {
              ...ref,
              environment: "prod",
              gitRev: "main",
              commit,
              manifestDigest: `${commit}${commit}`.slice(0, 64),
              schedules: SCHEDULES,
            },
          });
          continue;
        }
        const schedule = rng.pick(SCHEDULES).name;
        const on = enabled.has(schedule);
        if (on) enabled.delete(schedule);
        else enabled.add(schedule);
        events.push({ type: on ? "ScheduleDisabled" : "ScheduleEnabled", data: { ...ref, schedule } });
      }
      const expectedVersion = head.version;
      const commandId = ids.ulid();
      now += 1_000;
      const occurredAt = new Date(now).toISOString();
      const sealed = sealEvents(streamName, head, events, (i) => ({
        eventId: i === 0 ? commandId : ids.ulid(),
        commandId,
        actor: "github:100001",
        occurredAt,
      }));
      yield { streamName, expectedVersion, events: sealed };
    }
  }
}

/** Splits generated batches into one-event appends (each with its exact expected version). */
export function* oneEventPerAppend(batches: Iterator<LogBatch, never, undefined>): Generator<LogBatch, never, undefined> {
  for (;;) {
    const batch = batches.next().value;
    for (let i = 0; i < batch.events.length; i += 1) {
      yield { streamName: batch.streamName, expectedVersion: batch.expectedVersion + i, events: batch.events.slice(i, i + 1) };
    }
  }
}

/** The next `count` batches of an endless generator. */
export function take(batches: Iterator<LogBatch, never, undefined>, count: number): LogBatch[] {
  const out: LogBatch[] = [];
  for (let i = 0; i < count; i += 1) out.push(batches.next().value);
  return out;
}
