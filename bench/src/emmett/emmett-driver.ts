import { DeciderCommandHandler, EmmettError, type EventStore } from "@event-driven-io/emmett";
import { createRng } from "../data/rng.js";
import type { MixDriver } from "../workloads/command-mix.js";
import { createFakeGitResolver } from "../workloads/fake-git.js";
import type { Tenant } from "../workloads/our-driver.js";
import { authorize, decideProject, evolveProject, initialProjectState, loadProject } from "./context-deciders.js";
import {
  decideDeployment,
  evolveDeployment,
  initialDeploymentState,
  type DeploymentState,
  type EmmettDeploymentEvent,
} from "./deployment-decider.js";
import { decideExecution, evolveExecution, initialExecutionState } from "./execution-decider.js";

const handleDeployment = DeciderCommandHandler({
  decide: decideDeployment,
  evolve: evolveDeployment,
  initialState: initialDeploymentState,
});
const handleExecution = DeciderCommandHandler({ decide: decideExecution, evolve: evolveExecution, initialState: initialExecutionState });
const handleProject = DeciderCommandHandler({ decide: decideProject, evolve: evolveProject, initialState: initialProjectState });

const RUNNER = "system:runner";

/**
 * The command mix on Emmett, doing per command what our control plane does: authorize against the organization
 * stream, check the project, read the deployment where the command needs it, resolve git for a new deployment, then
 * load → decide → append with Emmett's DeciderCommandHandler (which retries version conflicts by default).
 */
export function createEmmettDriver(store: EventStore, tenant: Tenant, writer: number, seed: number): MixDriver {
  const git = createFakeGitResolver();
  const rng = createRng(seed);
  const { organization, maintainer } = tenant;
  const projectKey = tenant.projectKeys[writer % tenant.projectKeys.length];
  if (projectKey === undefined) throw new Error("the tenant has no project");
  const deploymentStream = (deployment: string): string => `deployment-${projectKey}.${deployment}`;
  const executionStream = (executionId: string): string => `execution-${executionId}`;
  const loadDeployment = async (deployment: string): Promise<DeploymentState> =>
    (
      await store.aggregateStream<DeploymentState, EmmettDeploymentEvent>(deploymentStream(deployment), {
        evolve: evolveDeployment,
        initialState: initialDeploymentState,
      })
    ).state;
  const toggle = async (type: "EnableSchedule" | "DisableSchedule", deployment: string, schedule: string): Promise<void> => {
    await authorize(store, organization, maintainer);
    await loadProject(store, organization, projectKey);
    await handleDeployment(store, deploymentStream(deployment), { type, data: { projectKey, deployment, schedule } });
  };
  return {
    async createDeployment(deployment) {
      await authorize(store, organization, maintainer);
      await loadProject(store, organization, projectKey);
      if ((await loadDeployment(deployment)).exists) throw new EmmettError(`Deployment '${deployment}' already exists.`);
      const resolved = await git.resolve({ repository: "https://github.com/acme/data", revision: "main", rootPath: "." });
      if (resolved._tag === "Left") throw new EmmettError(resolved.left.message);
      const { commit, manifest } = resolved.right;
      const schedules = manifest.schedules.map((s) => ({ name: s.name, interval: s.interval }));
      const data = { projectKey, deployment, environment: "prod", gitRev: "main" };
      await handleDeployment(store, deploymentStream(deployment), { type: "CreateDeployment", data: { ...data, commit, schedules } });
      await handleProject(store, `project-${projectKey}`, { type: "AddDeployment", data });
    },
    enableSchedule: (deployment, schedule) => toggle("EnableSchedule", deployment, schedule),
    disableSchedule: (deployment, schedule) => toggle("DisableSchedule", deployment, schedule),
    async requestExecution(deployment, schedule) {
      await authorize(store, organization, maintainer);
      await loadProject(store, organization, projectKey);
      const state = await loadDeployment(deployment);
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
      await authorize(store, organization, RUNNER);
      await handleExecution(store, executionStream(executionId), { type: "StartExecution", data: { projectKey, executionId } });
    },
    async finishExecution(executionId, exitCode) {
      await authorize(store, organization, RUNNER);
      await handleExecution(store, executionStream(executionId), { type: "FinishExecution", data: { projectKey, executionId, exitCode } });
    },
  };
}
