import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scenarioStepArbitrary } from "@cloud-ledger/domain/testing";
import { outcomes, pinned, setup, StepCommand, universe } from "./support/model-harness.js";

/*
 * The same model-based run, with two hazards of real deployments mixed in: a command sent twice with one command id
 * (a client retry) must write nothing the second time and answer the same; and a command whose k-th append fails
 * (a lost connection, possibly halfway through a command that writes several streams), retried with the same command
 * id, must end exactly where a clean run would have — the reference model never sees the failure.
 */

const commands = fc.commands(
  [
    fc.oneof(
      { weight: 6, arbitrary: scenarioStepArbitrary(universe, { pinned }).map((s) => new StepCommand(s)) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(scenarioStepArbitrary(universe, { pinned }), fc.integer({ min: 1, max: 3 }))
          .map(([s, faultAt]) => new StepCommand(s, { faultAt })),
      },
      { weight: 2, arbitrary: fc.constant(new StepCommand({ kind: "retry-last" })) },
    ),
  ],
  { maxCommands: 24, size: "+1" },
);

describe("the control plane under retries and failed appends", () => {
  it("retries answer the same and write nothing; a retried half-done command ends where a clean one would", async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(setup, cmds)),
      { numRuns: 300 },
    );
    // Not vacuous: plain retries happened, and so did failures halfway through multi-stream commands.
    expect(outcomes.get("retry") ?? 0).toBeGreaterThan(200);
    expect(outcomes.get("fault before any write") ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(40);
    expect(outcomes.get("fault after a partial write") ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(3);
  }, 240_000);

  // FC_SEED=-38206353 found it: a push notification that found every deployment up to date wrote nothing, so its retry
  // after a later push (same command id) was decided afresh and redeployed to the newer commit (rule 19, rule L8).
  it("a push notification retried after a later push answers the same and writes nothing (seed -38206353)", async () => {
    const webhook = new StepCommand({
      kind: "dispatch",
      actor: "system:github-webhooks",
      command: {
        type: "NotifyBranchUpdated",
        organization: "01HQ0000000000000000000ACM",
        repositoryUrl: "https://github.com/acme/data",
        branch: "main",
      },
    });
    const push = new StepCommand(
      { kind: "push", repositoryUrl: "https://github.com/acme/data", branch: "main", variant: "base", notify: false },
      { faultAt: 1 },
    );
    const retries = outcomes.get("retry") ?? 0;
    await fc.asyncModelRun(setup, [webhook, push, new StepCommand({ kind: "retry-last" })]);
    expect(outcomes.get("retry")).toBe(retries + 1);
  });
});
