import { describe, expect, it } from "vitest";
import {
  deploymentDecider,
  deploymentTickKey,
  digestOf,
  dueTicks,
  executionDecider,
  executionResult,
  resultOfExecution,
  type DeploymentEvent,
  type DeploymentState,
  type ExecutionEvent,
} from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { COMMIT_1, EXECUTION, ORG, OTHER_ORG, PK, acme, prodCreated, ref } from "../support/fixtures.js";

const spec = deciderSpec(executionDecider);
const fold = (events: DeploymentEvent[]): DeploymentState => events.reduce(deploymentDecider.evolve, deploymentDecider.initialState());
const deployed = fold([prodCreated(digestOf(acme))]);
const enabledDeployment = fold([prodCreated(digestOf(acme)), { type: "ScheduleEnabled", data: { ...ref, schedule: "daily-transforms" } }]);
const execRef = { organization: ORG, projectKey: PK, executionId: EXECUTION };

const adhoc = {
  type: "RequestExecution" as const,
  ...execRef,
  deploymentName: "prod",
  schedule: "daily-transforms",
  trigger: "adhoc" as const,
  deploymentState: deployed,
};
const dailyTicks = dueTicks({
  schedules: [{ deploymentKey: deploymentTickKey(PK, "prod"), scheduleName: "daily-transforms", interval: "@daily", enabled: true }],
  from: "2023-08-25T00:00:00Z",
  to: "2023-08-26T00:00:00Z",
});
const tickId = dailyTicks[0]?.tickId ?? "";
const scheduled = { ...adhoc, trigger: "scheduled" as const, tickId, deploymentState: enabledDeployment };

const requested: ExecutionEvent = {
  type: "ExecutionRequested",
  data: { ...execRef, deployment: "prod", schedule: "daily-transforms", environment: "prod", commit: COMMIT_1, trigger: "adhoc" },
};
const started: ExecutionEvent = { type: "ExecutionStarted", data: execRef };
const finished = (exitCode: number): ExecutionEvent => ({ type: "ExecutionFinished", data: { ...execRef, exitCode } });
const stopped: ExecutionEvent = { type: "ExecutionStopped", data: { ...execRef, reason: "User requested stop" } };

describe("executions: requests (rules 20, 35, 36)", () => {
  it("rule 36: an ad-hoc run of a disabled schedule of a deployed environment is accepted", () => {
    spec.given([]).when(adhoc).then([requested]);
  });

  it("rule 20: no deployment, no compute — answered with Meltano's schedule message", () => {
    const error = spec
      .given([])
      .when({ ...adhoc, deploymentState: { status: "absent" } })
      .thenFails((e) => e.code === "schedule-not-found");
    expect(error.message).toBe("Unable to find schedule named 'daily-transforms' within a deployment named 'prod'");
    spec
      .given([])
      .when({ ...adhoc, deploymentState: { status: "deleted", organization: ORG, projectKey: PK, deployment: "prod" } })
      .thenFails((e) => e.code === "schedule-not-found");
  });

  it("rule 35: a schedule the deployment does not have is refused", () => {
    spec
      .given([])
      .when({ ...adhoc, schedule: "nightly" })
      .thenFails((e) => e.code === "schedule-not-found");
  });

  it("scheduled runs only for enabled schedules", () => {
    spec
      .given([])
      .when({ ...scheduled, deploymentState: deployed })
      .thenFails((e) => e.code === "schedule-not-enabled");
    spec
      .given([])
      .when(scheduled)
      .then([{ type: "ExecutionRequested", data: { ...requested.data, trigger: "scheduled", tickId: scheduled.tickId } }]);
  });

  it("an ad-hoc request for an execution id already in use is refused", () => {
    spec
      .given([requested])
      .when(adhoc)
      .thenFails((e) => e.code === "execution-already-exists");
  });

  it("recording the same tick twice is harmless", () => {
    const tick: ExecutionEvent = {
      type: "ExecutionRequested",
      data: { ...requested.data, trigger: "scheduled", tickId: scheduled.tickId },
    };
    spec.given([tick]).when(scheduled).thenNothing();
  });

  it("a deployment of another organization cannot be run", () => {
    spec
      .given([])
      .when({ ...adhoc, organization: OTHER_ORG })
      .thenFails((e) => e.code === "schedule-not-found");
  });
});

describe("executions: lifecycle requested -> running -> finished, or stopped (rules 38-40)", () => {
  it("starts, then finishes with an exit code", () => {
    spec
      .given([requested])
      .when({ type: "StartExecution", ...execRef })
      .then([started]);
    spec
      .given([requested, started])
      .when({ type: "FinishExecution", ...execRef, exitCode: 2 })
      .then([finished(2)]);
  });

  it("starting twice, or finishing twice with the same code, records nothing", () => {
    spec
      .given([requested, started])
      .when({ type: "StartExecution", ...execRef })
      .thenNothing();
    spec
      .given([requested, started, finished(0)])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0 })
      .thenNothing();
  });

  it("refuses out-of-order transitions", () => {
    spec
      .given([requested])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0 })
      .thenFails((e) => e.code === "execution-not-running");
    spec
      .given([requested, started, finished(0)])
      .when({ type: "FinishExecution", ...execRef, exitCode: 1 })
      .thenFails((e) => e.code === "execution-not-running");
    spec
      .given([requested, started, finished(0)])
      .when({ type: "StartExecution", ...execRef })
      .thenFails((e) => e.code === "execution-not-running");
    spec
      .given([requested, stopped])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0 })
      .thenFails((e) => e.code === "execution-already-stopped");
  });

  it("stops a requested or running execution", () => {
    spec
      .given([requested])
      .when({ type: "StopExecution", ...execRef })
      .then([stopped]);
    spec
      .given([requested, started])
      .when({ type: "StopExecution", ...execRef })
      .then([stopped]);
  });

  it("rule 40: stopping a stopped or finished execution gets 'Execution is already stopped'", () => {
    for (const history of [
      [requested, stopped],
      [requested, started, finished(0)],
    ]) {
      const error = spec
        .given(history)
        .when({ type: "StopExecution", ...execRef })
        .thenFails((e) => e.code === "execution-already-stopped");
      expect(error.message).toBe("Execution is already stopped");
    }
  });

  it("an unknown execution, or one of another organization, is not found", () => {
    spec
      .given([])
      .when({ type: "StopExecution", ...execRef })
      .thenFails((e) => e.code === "execution-not-found");
    spec
      .given([requested])
      .when({ type: "StopExecution", ...execRef, organization: OTHER_ORG })
      .thenFails((e) => e.code === "execution-not-found");
  });
});

describe("executions: the Result rule (rule 38)", () => {
  it.each([
    ["RUNNING", null, "Running"],
    ["PENDING", 0, "Running"],
    ["PROVISIONING", 1, "Running"],
    ["STOPPED", 0, "Success"],
    ["STOPPED", 1, "Failed"],
    ["STOPPED", null, "Failed"],
    ["DELETED", 0, "Success"],
    ["DELETED", 137, "Failed"],
  ] as const)("status %s with exit code %s is %s", (status, exitCode, result) => {
    expect(executionResult(status, exitCode)).toBe(result);
  });

  it("maps each lifecycle state to its result; a manual stop is Failed", () => {
    const fold = (events: ExecutionEvent[]) => events.reduce(executionDecider.evolve, executionDecider.initialState());
    expect(resultOfExecution(fold([]))).toBeUndefined();
    expect(resultOfExecution(fold([requested]))).toBe("Running");
    expect(resultOfExecution(fold([requested, started]))).toBe("Running");
    expect(resultOfExecution(fold([requested, started, finished(0)]))).toBe("Success");
    expect(resultOfExecution(fold([requested, started, finished(3)]))).toBe("Failed");
    expect(resultOfExecution(fold([requested, started, stopped]))).toBe("Failed");
  });
});
