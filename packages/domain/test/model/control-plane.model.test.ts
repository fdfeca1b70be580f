import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultScenarioUniverse, scenarioInvalidDispatchArbitrary, scenarioStepArbitrary } from "@cloud-ledger/domain/testing";
import { outcomes, pinned, setup, StepCommand, universe } from "./support/model-harness.js";

/*
 * Random command sequences across every aggregate, through the real control plane, against a reference model. After
 * every step: the model's prediction (accepted or rejected) holds; a rejection wrote nothing; the events the dispatch
 * reported are exactly what the store gained; replaying the whole log rebuilds the state the incremental fold reached;
 * the facts match the model; the log invariants hold; regenerating internal ids changes no other fact; enabling
 * touches one (deployment, schedule) pair only.
 */

const RUNS = 1000;

const commands = fc.commands(
  [
    fc.oneof(
      { weight: 9, arbitrary: scenarioStepArbitrary(universe, { pinned }).map((s) => new StepCommand(s)) },
      { weight: 1, arbitrary: scenarioInvalidDispatchArbitrary(defaultScenarioUniverse).map((s) => new StepCommand(s)) },
    ),
  ],
  { maxCommands: 24, size: "+1" },
);

describe("the control plane against a reference model", () => {
  it(`keeps every invariant over ${RUNS} random command sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(commands, (cmds) => fc.asyncModelRun(setup, cmds)),
      { numRuns: RUNS },
    );
  }, 240_000);

  it("exercised every command both ways (the sequences are not vacuous)", () => {
    const expected = [
      "CreateDeployment accepted",
      "CreateDeployment rejected",
      "UpdateDeployment accepted",
      "UpdateDeployment rejected",
      "DeleteDeployment accepted",
      "DeleteDeployment rejected",
      "EnableSchedule accepted",
      "EnableSchedule no-op",
      "EnableSchedule rejected",
      "DisableSchedule accepted",
      "DisableSchedule rejected",
      "RunSchedule accepted",
      "RunSchedule rejected",
      "RequestScheduledExecution accepted",
      "RequestScheduledExecution rejected",
      "StartExecution accepted",
      "StartExecution rejected",
      "FinishExecution accepted",
      "FinishExecution rejected",
      "StopExecution accepted",
      "StopExecution rejected",
      "NotifyBranchUpdated accepted",
      "NotifyBranchUpdated no-op",
      "SetSecret accepted",
      "DeleteSecret accepted",
      "DeleteSecret rejected",
      "RegenerateProjectId accepted",
      "RegenerateOrganizationId accepted",
      "CreateProject rejected",
      "CreateOrganization rejected",
      "AddMember rejected",
    ];
    const missing = expected.filter((o) => (outcomes.get(o) ?? 0) === 0);
    expect(missing, JSON.stringify([...outcomes].sort())).toEqual([]);
    const accepted = [...outcomes].filter(([o]) => !o.endsWith("rejected")).reduce((sum, [, n]) => sum + n, 0);
    const total = [...outcomes.values()].reduce((sum, n) => sum + n, 0);
    expect(accepted / total).toBeGreaterThan(0.25);
  });
});
