import { describe, it } from "vitest";
import { DeciderSpecification, EmmettError } from "@event-driven-io/emmett";
import { decideDeployment, evolveDeployment, initialDeploymentState } from "../src/emmett/deployment-decider.js";
import { decideExecution, evolveExecution, initialExecutionState } from "../src/emmett/execution-decider.js";

const ref = { projectKey: "0123456789abcdef0123456789abcdef", deployment: "prod" };
const created = {
  type: "DeploymentCreated" as const,
  data: { ...ref, environment: "prod", gitRev: "main", commit: "a".repeat(40), schedules: [{ name: "daily", interval: "@daily" }] },
};

// The Emmett side of the comparison must follow the same rules as our deciders, or the comparison is unfair.
describe("the Emmett deployment decider used for the side-by-side benchmark", () => {
  const given = DeciderSpecification.for({ decide: decideDeployment, evolve: evolveDeployment, initialState: initialDeploymentState });

  it("creates a deployment once", () => {
    given([]).when({ type: "CreateDeployment", data: created.data }).then([created]);
    given([created]).when({ type: "CreateDeployment", data: created.data }).thenThrows(EmmettError);
  });

  it("enables a disabled schedule, and emits nothing for an enabled one", () => {
    const enable = { type: "EnableSchedule" as const, data: { ...ref, schedule: "daily" } };
    given([created])
      .when(enable)
      .then([{ type: "ScheduleEnabled", data: enable.data }]);
    given([created, { type: "ScheduleEnabled", data: enable.data }])
      .when(enable)
      .thenNothingHappened();
  });

  it("refuses an unknown schedule with Meltano's message", () => {
    given([created])
      .when({ type: "DisableSchedule", data: { ...ref, schedule: "nope" } })
      .thenThrows((error: Error) => error.message === "Unable to find schedule named 'nope' within a deployment named 'prod'");
  });
});

describe("the Emmett execution decider", () => {
  const given = DeciderSpecification.for({ decide: decideExecution, evolve: evolveExecution, initialState: initialExecutionState });
  const id = { projectKey: ref.projectKey, executionId: "f".repeat(32) };
  const requested = {
    type: "ExecutionRequested" as const,
    data: { ...id, deployment: "prod", schedule: "daily", environment: "prod", commit: "a".repeat(40), trigger: "adhoc" as const },
  };

  it("goes requested → started → finished, and refuses to finish twice", () => {
    given([requested])
      .when({ type: "StartExecution", data: id })
      .then([{ type: "ExecutionStarted", data: id }]);
    const finished = { type: "ExecutionFinished" as const, data: { ...id, exitCode: 0 } };
    given([requested, { type: "ExecutionStarted", data: id }])
      .when({ type: "FinishExecution", data: finished.data })
      .then([finished]);
    given([requested, { type: "ExecutionStarted", data: id }, finished])
      .when({ type: "FinishExecution", data: finished.data })
      .thenThrows((error: Error) => error.message === "Execution is already stopped");
  });
});
