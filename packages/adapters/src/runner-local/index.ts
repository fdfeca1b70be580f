export { createLocalProcessRunner, executionEnvironment } from "./local-process-runner.js";
export type { LocalCommand, LocalProcessRunnerOptions } from "./local-process-runner.js";
export { createRunnerSupervisor } from "./supervisor.js";
export type { RunnerSupervisor, RunnerSupervisorOptions } from "./supervisor.js";
export { createExecutionTracker } from "./execution-tracker.js";
export type { ExecutionTracker, TrackedExecution } from "./execution-tracker.js";
export { sweepVanishedRunners } from "./sweep.js";
export type { SweepOptions } from "./sweep.js";
