import { describe, expect, it } from "vitest";
import { executionDecider, platformStatusOf, resultOfExecution, type ExecutionEvent } from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { COMMIT_1, EXECUTION, ORG, PK } from "../support/fixtures.js";

const spec = deciderSpec(executionDecider);
const execRef = { organization: ORG, projectKey: PK, executionId: EXECUTION };
const fold = (events: ExecutionEvent[]) => events.reduce(executionDecider.evolve, executionDecider.initialState());

const requested: ExecutionEvent = {
  type: "ExecutionRequested",
  data: { ...execRef, deployment: "prod", schedule: "daily-transforms", environment: "prod", commit: COMMIT_1, trigger: "adhoc" },
};
const claimed = (runnerId: string): ExecutionEvent => ({ type: "ExecutionStarted", data: { ...execRef, runnerId } });
const startedInPerson: ExecutionEvent = { type: "ExecutionStarted", data: execRef };
const stopRequested: ExecutionEvent = {
  type: "ExecutionStopRequested",
  data: { ...execRef, reason: "User requested stop", runnerId: "runner-a" },
};
const stoppedBy = (reason: string, cause?: "timed-out" | "runner-vanished" | "runner-shutdown"): ExecutionEvent => ({
  type: "ExecutionStopped",
  data: { ...execRef, reason, ...(cause === undefined ? {} : { cause }) },
});

describe("executions: a runner claims an execution", () => {
  it("the start records the claiming runner", () => {
    spec
      .given([requested])
      .when({ type: "StartExecution", ...execRef, runnerId: "runner-a" })
      .then([claimed("runner-a")]);
  });

  it("the same runner starting again records nothing; a second runner is refused with execution-claimed", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "StartExecution", ...execRef, runnerId: "runner-a" })
      .thenNothing();
    const error = spec
      .given([requested, claimed("runner-a")])
      .when({ type: "StartExecution", ...execRef, runnerId: "runner-b" })
      .thenFails((e) => e.code === "execution-claimed");
    expect(error.message).toBe(`Execution '${EXECUTION}' is claimed by runner 'runner-a'.`);
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "StartExecution", ...execRef })
      .thenFails((e) => e.code === "execution-claimed");
    spec
      .given([requested, startedInPerson])
      .when({ type: "StartExecution", ...execRef, runnerId: "runner-b" })
      .thenFails((e) => e.code === "execution-claimed");
  });

  it("only the claiming runner reports the exit code", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0, runnerId: "runner-b" })
      .thenFails((e) => e.code === "execution-claimed");
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0 })
      .thenFails((e) => e.code === "execution-claimed");
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "FinishExecution", ...execRef, exitCode: 3, runnerId: "runner-a" })
      .then([{ type: "ExecutionFinished", data: { ...execRef, exitCode: 3 } }]);
  });

  it("old ExecutionStarted events without a runner still decode and fold as reported in person", () => {
    expect(fold([requested, startedInPerson])).toMatchObject({ status: "running" });
    expect(fold([requested, startedInPerson])).not.toHaveProperty("runnerId");
  });
});

describe("executions: stopping a runner-held execution goes through STOPPING (rules 38, 40)", () => {
  it("job stop on a claimed running execution asks its runner (STOPPING), which counts as Running", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "StopExecution", ...execRef })
      .then([stopRequested]);
    const stopping = fold([requested, claimed("runner-a"), stopRequested]);
    expect(platformStatusOf(stopping)).toBe("STOPPING");
    expect(resultOfExecution(stopping)).toBe("Running");
  });

  it("stopping again while STOPPING records nothing (the stop is under way)", () => {
    spec
      .given([requested, claimed("runner-a"), stopRequested])
      .when({ type: "StopExecution", ...execRef })
      .thenNothing();
  });

  it("the runner confirms the user's stop (STOPPED, Failed); then rule 40 answers 'already stopped'", () => {
    spec
      .given([requested, claimed("runner-a"), stopRequested])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "user-requested", runnerId: "runner-a" })
      .then([stoppedBy("User requested stop")]);
    const history = [requested, claimed("runner-a"), stopRequested, stoppedBy("User requested stop")];
    expect(resultOfExecution(fold(history))).toBe("Failed");
    const error = spec
      .given(history)
      .when({ type: "StopExecution", ...execRef })
      .thenFails((e) => e.code === "execution-already-stopped");
    expect(error.message).toBe("Execution is already stopped");
  });

  it("a user's stop is confirmed only after a user asked, and only by the claiming runner", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "user-requested", runnerId: "runner-a" })
      .thenFails((e) => e.code === "execution-not-running");
    spec
      .given([requested, claimed("runner-a"), stopRequested])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "user-requested", runnerId: "runner-b" })
      .thenFails((e) => e.code === "execution-claimed");
  });

  it("a process that exits on its own while STOPPING records its exit code", () => {
    spec
      .given([requested, claimed("runner-a"), stopRequested])
      .when({ type: "FinishExecution", ...execRef, exitCode: 0, runnerId: "runner-a" })
      .then([{ type: "ExecutionFinished", data: { ...execRef, exitCode: 0 } }]);
  });

  it("an execution started in person, or still requested, is stopped at once as before", () => {
    spec
      .given([requested, startedInPerson])
      .when({ type: "StopExecution", ...execRef })
      .then([stoppedBy("User requested stop")]);
    spec
      .given([requested])
      .when({ type: "StopExecution", ...execRef })
      .then([stoppedBy("User requested stop")]);
  });
});

describe("executions: timeouts and vanished runners carry a stated stopped_reason", () => {
  it("the claiming runner stops an execution past its timeout", () => {
    for (const history of [
      [requested, claimed("runner-a")],
      [requested, claimed("runner-a"), stopRequested],
    ]) {
      spec
        .given(history)
        .when({ type: "ReportExecutionStopped", ...execRef, cause: "timed-out", runnerId: "runner-a", timeoutSeconds: 600 })
        .then([stoppedBy("Execution timed out after 600 seconds", "timed-out")]);
    }
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "timed-out", runnerId: "runner-b", timeoutSeconds: 600 })
      .thenFails((e) => e.code === "execution-claimed");
  });

  it("a sweep (any runner) stops an execution whose runner vanished, naming that runner", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "runner-vanished", runnerId: "sweeper" })
      .then([stoppedBy("Runner 'runner-a' stopped sending heartbeats", "runner-vanished")]);
    expect(resultOfExecution(fold([requested, claimed("runner-a"), stoppedBy("x", "runner-vanished")]))).toBe("Failed");
  });

  it("a runner shutting down stops what it holds, saying so", () => {
    spec
      .given([requested, claimed("runner-a")])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "runner-shutdown", runnerId: "runner-a" })
      .then([stoppedBy("Runner 'runner-a' shut down before the execution ended", "runner-shutdown")]);
  });

  it("a reported stop needs a started, unfinished execution", () => {
    spec
      .given([requested])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "runner-vanished" })
      .thenFails((e) => e.code === "execution-not-running");
    for (const end of [stoppedBy("User requested stop"), { type: "ExecutionFinished" as const, data: { ...execRef, exitCode: 0 } }]) {
      spec
        .given([requested, claimed("runner-a"), end])
        .when({ type: "ReportExecutionStopped", ...execRef, cause: "timed-out", runnerId: "runner-a" })
        .thenFails((e) => e.code === "execution-already-stopped");
    }
    spec
      .given([])
      .when({ type: "ReportExecutionStopped", ...execRef, cause: "timed-out" })
      .thenFails((e) => e.code === "execution-not-found");
  });
});
