import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainEventSerde, type DomainEvent, type JsonValue } from "@cloud-ledger/domain";
import {
  allReadModels,
  auditTrail,
  auditTrailOf,
  createProjectionRunner,
  internalIdIndex,
  readModelStatesFrom,
  replayAll,
  resolveInternalId,
  trustedDomainEventDecoder,
  withInlineProjections,
  type AnyProjection,
} from "../../src/index.js";
import { appendLog, streamOf, toNewEvent, type LogEntry } from "../support/domain-log.js";
import { interpret, logArbitrary, type Step } from "../support/log-arbitrary.js";
import { createTestCheckpointStore, createTestEventStore } from "../support/memory-store.js";

type Snapshot = Record<string, JsonValue>;
const snapshotOf = (projections: readonly AnyProjection<DomainEvent>[], state: (p: AnyProjection<DomainEvent>) => unknown): Snapshot =>
  Object.fromEntries(projections.map((p) => [p.name, p.toJson(state(p))]));

async function oneGo(entries: readonly LogEntry[]): Promise<Snapshot> {
  const store = createTestEventStore();
  await appendLog(store, entries);
  const { states } = await replayAll(store);
  return snapshotOf(allReadModels, (p) => states.get(p.name));
}

const NUM_RUNS = 60;

describe("read-model properties", () => {
  it("the same log always yields the same read models, and their JSON round-trips", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (steps) => {
        const entries = interpret(steps);
        const a = await oneGo(entries);
        expect(await oneGo(entries)).toEqual(a);
        for (const p of allReadModels) expect(p.toJson(p.fromJson(a[p.name] as JsonValue))).toEqual(a[p.name]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("replaying with the trusted decoder gives the same read models as with the validating serde", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (steps) => {
        const store = createTestEventStore();
        await appendLog(store, interpret(steps));
        const trusted = await replayAll(store, allReadModels, { decoder: trustedDomainEventDecoder });
        expect(snapshotOf(allReadModels, (p) => trusted.states.get(p.name))).toEqual(await oneGo(interpret(steps)));
      }),
      { numRuns: 30 },
    );
  });

  it("an incremental build (catch-ups between appends, inline appends) equals a rebuild from zero", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArbitrary,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        async (steps, cuts, pageSize) => {
          const entries = interpret(steps);
          const store = createTestEventStore();
          const runner = await createProjectionRunner({
            store,
            checkpoints: createTestCheckpointStore(),
            decoder: domainEventSerde,
            projections: allReadModels,
            pageSize,
          });
          const inline = withInlineProjections(store, runner);
          const bounds = [...new Set(cuts.map((c) => c % (entries.length + 1)))].sort((x, y) => x - y);
          let done = 0;
          for (const [k, bound] of [...bounds, entries.length].entries()) {
            const chunk = entries.slice(done, bound);
            if (k % 2 === 0) {
              await appendLog(store, chunk);
              await runner.catchUp();
            } else {
              for (const e of chunk) await inline.append(streamOf(e.event), [toNewEvent(e)], { expectedVersion: "any" });
            }
            done = Math.max(done, bound);
          }
          await runner.catchUp();
          const incremental = snapshotOf(allReadModels, (p) => runner.stateOf(p));
          await runner.rebuild();
          expect(snapshotOf(allReadModels, (p) => runner.stateOf(p))).toEqual(incremental);
          expect(await oneGo(entries)).toEqual(incremental);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it("a build checkpointed, stopped (even without a final flush) and resumed equals one built in one go", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, fc.nat(), fc.integer({ min: 1, max: 5 }), fc.boolean(), async (steps, cut, every, flush) => {
        const entries = interpret(steps);
        const store = createTestEventStore();
        const checkpoints = createTestCheckpointStore();
        const options = { store, checkpoints, decoder: domainEventSerde, projections: allReadModels, pageSize: 3, checkpointEvery: every };
        const first = await createProjectionRunner(options);
        const split = cut % (entries.length + 1);
        await appendLog(store, entries.slice(0, split));
        await first.catchUp({ flush });
        if (flush) await first.stop();
        await appendLog(store, entries.slice(split));
        const resumed = await createProjectionRunner(options);
        expect(resumed.status().every((s) => s.loaded !== "unreadable" && s.loaded !== "version-changed")).toBe(true);
        await resumed.catchUp();
        expect(snapshotOf(allReadModels, (p) => resumed.stateOf(p))).toEqual(await oneGo(entries));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("regenerating internal ids changes nothing in the read models but the ids themselves", async () => {
    const isRegeneration = (s: Step) => s.kind === "regenerate-org" || s.kind === "regenerate-project";
    const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
    const maskIds = (json: JsonValue): string =>
      JSON.stringify(json, (key, value: unknown) =>
        key === "internalId" && typeof value === "string" && ULID.test(value) ? "<id>" : value,
      );
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (steps) => {
        const withRegen = interpret(steps);
        const without = interpret(steps.map((s) => (isRegeneration(s) ? { kind: "noop" as const } : s)));
        const storeA = createTestEventStore();
        const storeB = createTestEventStore();
        await appendLog(storeA, withRegen);
        await appendLog(storeB, without);
        const a = readModelStatesFrom((await replayAll(storeA)).states);
        const b = readModelStatesFrom((await replayAll(storeB)).states);
        for (const p of allReadModels) {
          if (p === auditTrail || p === internalIdIndex) continue;
          const key = p.name;
          const stateA = (await replayAll(storeA, [p])).states.get(key);
          const stateB = (await replayAll(storeB, [p])).states.get(key);
          expect(maskIds(p.toJson(stateA))).toEqual(maskIds(p.toJson(stateB)));
        }
        // The audit trail differs only by the regeneration entries themselves (and the positions they take).
        for (const org of a.auditTrail.trails.keys()) {
          const strip = (entries: ReturnType<typeof auditTrailOf>) =>
            entries.filter((e) => !e.action.endsWith("IdRegenerated")).map(({ position: _p, ...rest }) => rest);
          expect(strip(auditTrailOf(a.auditTrail, org))).toEqual(strip(auditTrailOf(b.auditTrail, org)));
        }
        // Every entity still resolves from exactly one current id, and only from it.
        for (const [id, record] of a.internalIdIndex) {
          const resolved = resolveInternalId(a.internalIdIndex, record.organization, id);
          expect(resolved === undefined).toBe(record.retiredAt !== null);
        }
        const current = (s: typeof a) =>
          [...s.internalIdIndex.values()]
            .filter((r) => r.retiredAt === null)
            .map((r) => `${r.organization}/${String(r.projectKey)}`)
            .sort();
        expect(current(a)).toEqual(current(b));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
