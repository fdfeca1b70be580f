import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_PAGE_SIZE,
  catchUpReadModels,
  createMemoryRowStore,
  ledgerReaderAsOf,
  readModelsAsOf,
  rowsReader,
  statesReader,
} from "@cloud-ledger/projections";
import { canonicalJson, nobleSha256Hex } from "@cloud-ledger/domain";
import { ALICE, acmeOrganization, acmeProject, createHarness } from "./domain-harness.js";

const IDS = ["prod:tap-github-to-target-jsonl", "dev:tap-github-to-target-jsonl", "prod:tap-github-to-target-jsonl:full", "prod:a-to-b"];
const stepArbitrary = fc.record({ id: fc.constantFrom(...IDS), set: fc.boolean(), since: fc.nat(3) });

describe("the state read model (rules 52, 53, 54): list and get answer from rows exactly like a replay", () => {
  it("after random sets and deletes, rows page the ids and return each bookmark like the replay and a model", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (steps, size) => {
        const h = createHarness();
        const organization = await acmeOrganization(h);
        const projectKey = await acmeProject(h, organization);
        const model = new Map<string, unknown>();
        for (const step of steps) {
          const content = { completed: { singer_state: { bookmarks: { issues: { since: step.since } } } } };
          if (step.set) {
            await h.ok(ALICE, { type: "SetState", organization, projectKey, stateId: step.id, content });
            model.set(step.id, content);
          } else if (model.delete(step.id)) {
            await h.ok(ALICE, { type: "DeleteState", organization, projectKey, stateId: step.id });
          }
        }
        const rows = createMemoryRowStore();
        const { position } = await catchUpReadModels(h.store, rows);
        const persisted = rowsReader(rows, position);
        const states = await readModelsAsOf(h.store);
        const replayed = statesReader(states, states.position);
        // Page through with a small page size: the pages join to the model's ids in code-unit order.
        const joined: string[] = [];
        let after: string | undefined;
        for (;;) {
          const request = after === undefined ? { limit: size } : { limit: size, after };
          const page = await persisted.stateIds(organization, projectKey, request);
          expect(page).toEqual(await replayed.stateIds(organization, projectKey, request));
          joined.push(...page.rows);
          if (page.next === undefined) break;
          after = page.next;
        }
        expect(joined).toEqual([...model.keys()].sort());
        for (const id of IDS) {
          const bookmark = await persisted.bookmark(organization, projectKey, id);
          expect(bookmark).toEqual(await replayed.bookmark(organization, projectKey, id));
          const expected = model.get(id);
          expect(bookmark?.content).toEqual(expected);
          if (expected !== undefined) expect(bookmark).toMatchObject({ digest: nobleSha256Hex(canonicalJson(expected)), setBy: ALICE });
        }
      }),
      { numRuns: 25 },
    );
  });

  it("rule 54: a page is capped at 250, and a bad cursor or limit is a typed query error", async () => {
    const h = createHarness();
    const organization = await acmeOrganization(h);
    const projectKey = await acmeProject(h, organization);
    for (let n = 0; n < MAX_PAGE_SIZE + 5; n++) {
      const content = { completed: { singer_state: { n } } };
      await h.ok(ALICE, {
        type: "SetState",
        organization,
        projectKey,
        stateId: `prod:tap-${String(n).padStart(3, "0")}-to-target`,
        content,
      });
    }
    const rows = createMemoryRowStore();
    const { position } = await catchUpReadModels(h.store, rows);
    const reader = rowsReader(rows, position);
    const first = await reader.stateIds(organization, projectKey);
    expect(first.rows).toHaveLength(MAX_PAGE_SIZE);
    const rest = await reader.stateIds(organization, projectKey, { limit: MAX_PAGE_SIZE, after: first.next! });
    expect(rest).toEqual({ rows: [250, 251, 252, 253, 254].map((n) => `prod:tap-${n}-to-target`) });
    await expect(reader.stateIds(organization, projectKey, { limit: MAX_PAGE_SIZE + 1 })).rejects.toMatchObject({ argument: "limit" });
    await expect(reader.stateIds(organization, projectKey, { limit: 5, after: "nonsense" })).rejects.toMatchObject({ argument: "after" });
    // Time travel: as of the first set, only the first bookmark existed.
    const asOf = await ledgerReaderAsOf(h.store, { position: position - MAX_PAGE_SIZE - 4 });
    expect((await asOf.stateIds(organization, projectKey)).rows).toEqual(["prod:tap-000-to-target"]);
  });
});
