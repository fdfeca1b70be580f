import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import {
  catchUpReadModels,
  createMemoryRowStore,
  ledgerReaderAsOf,
  readModelsAsOf,
  ROW_MODELS_VERSION,
  rowsReader,
  statesReader,
  type ReadModelRowStore,
} from "../../src/index.js";
import { appendLog } from "../support/domain-log.js";
import { interpret, logArbitrary } from "../support/log-arbitrary.js";
import { createTestEventStore } from "../support/memory-store.js";
import { expectHistoryPagesJoin, expectSameAnswers } from "../support/reader-comparison.js";

async function expectRowsEqualReplay(store: EventStore, rows: ReadModelRowStore): Promise<void> {
  const checkpoint = await rows.checkpoint();
  const states = await readModelsAsOf(store);
  expect(checkpoint?.position).toBe(states.position);
  await expectSameAnswers(rowsReader(rows, states.position), statesReader(states, states.position), states);
}

/** A row store whose `commit` fails (the process died before its checkpoint) on the calls `failOn` picks. */
function crashingOn(rows: ReadModelRowStore, failOn: (call: number) => boolean): ReadModelRowStore {
  let call = 0;
  return {
    ...rows,
    commit(from, to, writes, reset) {
      call += 1;
      if (failOn(call)) return Promise.reject(new Error("killed before the checkpoint"));
      return rows.commit(from, to, writes, reset);
    },
  };
}

describe("persisted read models (memory rows)", () => {
  it("after every chunk of a random log, caught-up rows answer every query like a full replay, crashes included", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArbitrary,
        fc.array(fc.nat(40), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        async (steps, cuts, batchEvents, crashes) => {
          const entries = interpret(steps);
          const store = createTestEventStore();
          const rows = createMemoryRowStore();
          let done = 0;
          for (const [i, cut] of [...cuts, entries.length].entries()) {
            const next = Math.min(entries.length, done + Math.max(1, cut));
            await appendLog(store, entries.slice(done, next));
            done = next;
            if (crashes[i] === true) {
              // Appended, then killed before the checkpoint: the next call must pick up exactly where the last commit was.
              await expect(
                catchUpReadModels(
                  store,
                  crashingOn(rows, (call) => call >= 1),
                  { batchEvents },
                ),
              ).rejects.toThrow("killed");
            }
            await catchUpReadModels(store, rows, { batchEvents });
            await expectRowsEqualReplay(store, rows);
            if (done >= entries.length) break;
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("a crash after some commits of a long catch-up resumes from the last one and ends equal to a replay", async () => {
    const entries = interpret(fc.sample(logArbitrary, { numRuns: 1, seed: 7 })[0] ?? []);
    const store = createTestEventStore();
    await appendLog(store, entries);
    const rows = createMemoryRowStore();
    await expect(
      catchUpReadModels(
        store,
        crashingOn(rows, (call) => call === 3),
        { batchEvents: 5 },
      ),
    ).rejects.toThrow("killed");
    const resumed = await rows.checkpoint();
    expect(resumed?.position).toBeGreaterThan(0);
    const report = await catchUpReadModels(store, rows, { batchEvents: 5 });
    expect(report.rebuilt).toBeUndefined();
    expect(report.events).toBe((await store.headPosition()) - (resumed?.position ?? 0));
    await expectRowsEqualReplay(store, rows);
  });

  it("rows of another version are rebuilt from zero, with progress shown", async () => {
    const entries = interpret(fc.sample(logArbitrary, { numRuns: 1, seed: 11 })[0] ?? []);
    const store = createTestEventStore();
    await appendLog(store, entries);
    const rows = createMemoryRowStore();
    const head = await store.headPosition();
    // Rows written by an older version of the row models: garbage to today's models.
    await rows.commit(
      undefined,
      { version: "rows-0", position: head },
      [{ model: "project", scope: "x", key: "y", sort: 0, value: "stale" }],
      false,
    );
    const seen: string[] = [];
    const progress = { start: (n: number) => seen.push(`start ${n}`), update: () => undefined, stop: () => seen.push("stop") };
    const report = await catchUpReadModels(store, rows, { progress });
    expect(report).toMatchObject({ rebuilt: "version-changed", events: head, position: head });
    expect(seen).toEqual([`start ${head}`, "stop"]);
    expect(await rows.checkpoint()).toEqual({ version: ROW_MODELS_VERSION, position: head });
    expect(await rows.get("project", "x", "y")).toBeUndefined();
    await expectRowsEqualReplay(store, rows);
  });

  it("when another process commits first, the catch-up starts over from its checkpoint", async () => {
    const entries = interpret(fc.sample(logArbitrary, { numRuns: 1, seed: 3 })[0] ?? []);
    const store = createTestEventStore();
    await appendLog(store, entries);
    const rows = createMemoryRowStore();
    let raced = false;
    const racing: ReadModelRowStore = {
      ...rows,
      async commit(from, to, writes, reset) {
        if (!raced) {
          raced = true;
          // Another process catches the same rows up first: this commit, from the old checkpoint, must be refused.
          await catchUpReadModels(store, rows, { batchEvents: 1000 });
        }
        return rows.commit(from, to, writes, reset);
      },
    };
    await catchUpReadModels(store, racing, { batchEvents: 7 });
    expect(raced).toBe(true);
    await expectRowsEqualReplay(store, rows);
  });

  it("time travel folds the same rows up to a position, and history pages join up", async () => {
    const entries = interpret(fc.sample(logArbitrary, { numRuns: 1, seed: 5 })[0] ?? []);
    const store = createTestEventStore();
    await appendLog(store, entries);
    const head = await store.headPosition();
    for (const position of [0, Math.floor(head / 3), Math.floor((2 * head) / 3), head]) {
      const states = await readModelsAsOf(store, { position });
      const reader = await ledgerReaderAsOf(store, { position });
      expect(reader.position).toBe(states.position);
      await expectSameAnswers(reader, statesReader(states, states.position), states);
    }
    const rows = createMemoryRowStore();
    await catchUpReadModels(store, rows);
    const states = await readModelsAsOf(store);
    for (const [org, projects] of states.executionHistory.projects) {
      for (const projectKey of projects.keys()) await expectHistoryPagesJoin(rowsReader(rows, head), org, projectKey, 2);
    }
  });

  it("audit entries of a schedule enable or disable name the schedule, in memory and in rows alike", async () => {
    const entries = interpret(fc.sample(logArbitrary, { numRuns: 1, seed: 9 })[0] ?? []);
    const store = createTestEventStore();
    await appendLog(store, entries);
    const rows = createMemoryRowStore();
    await catchUpReadModels(store, rows);
    const states = await readModelsAsOf(store);
    let toggles = 0;
    for (const organization of states.organizationDirectory.organizations.keys()) {
      const trail = await rowsReader(rows, states.position).auditTrail(organization, {});
      expect(trail).toEqual(await statesReader(states, states.position).auditTrail(organization, {}));
      for (const entry of trail) {
        const toggle = entry.action === "ScheduleEnabled" || entry.action === "ScheduleDisabled";
        if (toggle) toggles += 1;
        expect(entry.schedule !== undefined).toBe(toggle);
        if (toggle) expect(entry.schedule).toMatch(/^[a-z-]+$/);
      }
    }
    expect(toggles).toBeGreaterThan(0);
  });
});
