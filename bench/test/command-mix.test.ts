import { describe, expect, it } from "vitest";
import { getInMemoryEventStore } from "@event-driven-io/emmett";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { verifyStore } from "@cloud-ledger/domain";
import { setUpEmmettTenant } from "../src/emmett/context-deciders.js";
import { createEmmettDriver } from "../src/emmett/emmett-driver.js";
import { planMix, runPlan, type MixPlan } from "../src/workloads/command-mix.js";
import { createOurDriver, MAINTAINER_ID, OWNER_ID, setUpTenant } from "../src/workloads/our-driver.js";

const commandCount = (plan: MixPlan): number =>
  plan.deployments.length + plan.steps.reduce((n, s) => n + (s.kind === "execution" ? 3 : 1), 0);

describe("the command mix", () => {
  it("is seeded and has executions as ~60 % of its commands", () => {
    const plan = planMix(1, 0, 0, 3_000);
    expect(planMix(1, 0, 0, 3_000)).toEqual(plan);
    const executionCommands = plan.steps.filter((s) => s.kind === "execution").length * 3;
    const commands = commandCount(plan);
    expect(executionCommands / commands).toBeGreaterThan(0.5);
    expect(executionCommands / commands).toBeLessThan(0.7);
  });

  // A refused command throws in both drivers, so these also prove every command of the mix is valid on both sides.
  it("runs to the end through our control plane, concurrently, leaving a log that passes audit verify", async () => {
    const store = createMemoryEventStore();
    const tenant = await setUpTenant(store, 3, 4);
    const plans = Array.from({ length: 4 }, (_, w) => planMix(3, w, 0, 120));
    const sent = await Promise.all(plans.map((plan, w) => runPlan(plan, createOurDriver(store, tenant, w, 30 + w))));
    expect(sent.every((n) => n >= 120)).toBe(true);
    expect(await verifyStore(store)).toMatchObject({ ok: true });
  });

  it("runs to the end through Emmett's DeciderCommandHandler with the same plans", async () => {
    const ours = createMemoryEventStore();
    const tenant = await setUpTenant(ours, 3, 4);
    const store = getInMemoryEventStore();
    await setUpEmmettTenant(store, tenant.organization, OWNER_ID, MAINTAINER_ID, tenant.projectKeys);
    const plans = Array.from({ length: 4 }, (_, w) => planMix(3, w, 0, 120));
    const sent = await Promise.all(plans.map((plan, w) => runPlan(plan, createEmmettDriver(store, tenant, w, 30 + w))));
    expect(sent).toEqual(plans.map(commandCount));
  });
});
