import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createControlPlane, domainEventSerde, verifyStore } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  runScenario,
  scenarioStepArbitrary,
  createArrayEventStore,
} from "@cloud-ledger/domain/testing";

/** Every log the system produces from a scenario verifies end to end and decodes with the domain's serde. */
describe("scenario logs", () => {
  it("verify (hash chains, versions, positions) and decode, event by event", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(scenarioStepArbitrary(defaultScenarioUniverse), { maxLength: 25, size: "medium" }), async (steps) => {
        const store = createArrayEventStore();
        const git = createScenarioGit(defaultScenarioUniverse);
        const plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(2), git: git.git });
        await bootstrapScenario(plane);
        accepted += (await runScenario(plane, store, git, steps)).accepted;
        expect(await verifyStore(store)).toMatchObject({ ok: true, events: store.events.length });
        for (const event of store.events) expect(domainEventSerde.decode(event)._tag, `${event.streamName}@${event.version}`).toBe("Right");
      }),
      { numRuns: 100 },
    );
    expect(accepted).toBeGreaterThan(200);
  }, 120_000);
});
