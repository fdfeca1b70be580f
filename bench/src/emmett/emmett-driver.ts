import { DeciderCommandHandler, EmmettError, type EventStore } from "@event-driven-io/emmett";
import { createRng } from "../data/rng.js";
import type { MixDriver } from "../workloads/command-mix.js";
import { createFakeGitResolver } from "../workloads/fake-git.js";
import {
  decideDeployment,
  evolveDeployment,
  initialDeploymentState,
  type DeploymentState,
  type EmmettDeploymentEvent,
} from "./deployment-decider.js";
import { decideExecution, evolveExecution, initialExecutionState } from "./execution-decider.js";

const handleDeployment = DeciderCommandHandler({ decide: decideDeployment, evolve: evolveDeployment, initialState: initialDeploymentState });
const handleExecution = DeciderCommandHandler({ decide: decideExecution, evolve: evolveExecution, initialState: initialExecutionState });

/**
 * The command mix on Emmett: the same steps as our control plane takes for each command — resolve git for a new
 * deployment, read the deployment before requesting a run, then load → decide → append with Emmett's own
 * DeciderCommandHandler (which retries on version conflicts by default).
 */
export function createEmmettDriver(store: EventStore, projectKey: string, seed: number): MixDriver {
  const git = createFakeGitResolver();
  const rng = createRng(seed);
  const deploymentStream = (deployment: string): string => `deployment-${projectKey}.${deployment}`;
  const executionStream = (executionId: string): string => `execution-${executionId}`;
  return {
    async createDeployment(deployment) {
      const resolved = await git.resolve({ repository: "https://github.com/acme/data", revision: "main", rootPath: "." });
      if (!resolved.ok) throw new EmmettError(resolved.error.message);
      const { commit, manifest } = resolved.value;
      const schedules = manifest.schedules.map((s) => ({ name: s.name, interval: s.interval }));
      await handleDeployment(store, deploymentStream(deployment), {
        type: "CreateDeployment",
        data: { projectKey, deployment, environment: "prod", gitRev: "main", commit, schedules },
      });
    },
    async enableSchedule(deployment, schedule) {
      await handleDeployment(store, deploymentStream(deployment), { type: "EnableSchedule", data: { projectKey, deployment, schedule } });
    },
    async disableSchedule(deployment, schedule) {
      await handleDeployment(store, deploymentStream(deployment), { type: "DisableSchedule", data: { projectKey, deployment, schedule } });
    },
    async requestExecution(deployment, schedule) {
      const { state } = await store.aggregateStream<DeploymentState, EmmettDeploymentEvent>(deploymentStream(deployment), {
        evolve: evolveDeployment,
        initialState: initialDeploymentState,
      });
      if (state.schedules[schedule] === undefined) {
        throw new EmmettError(`Unable to find schedule named '${schedule}' within a deployment named '${deployment}'`);
      }
      const executionId = rng.hex(32);
      await handleExecution(store, executionStream(executionId), {
        type: "RequestExecution",
        data: { projectKey, executionId, deployment, schedule, environment: state.environment, commit: state.commit, trigger: "adhoc" },
      });
      return executionId;
    },
    async startExecution(executionId) {
      await handleExecution(store, executionStream(executionId), { type: "StartExecution", data: { projectKey, executionId } });
    },
    async finishExecution(executionId, exitCode) {
      await handleExecution(store, executionStream(executionId), { type: "FinishExecution", data: { projectKey, executionId, exitCode } });
    },
  };
}
