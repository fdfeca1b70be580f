import { left, right } from "fp-ts/lib/Either.js";
import type { CommandOf } from "../../commands.js";
import { deploymentEventSerde, projectEventSerde } from "../../events.js";
import { DomainErrors } from "../../errors.js";
import { deploymentDecider, type DeploymentCommand } from "../../deployment/decider.js";
import type { DeploymentState } from "../../deployment/state.js";
import { projectDecider } from "../../project/decider.js";
import type { ActiveProject } from "../../project/state.js";
import { isRepositoryGranted, type OrganizationState } from "../../organization/state.js";
import { slugOf } from "../../naming/slugify.js";
import { deploymentStream, projectStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream } from "../../streams.js";

type DeploymentScoped = CommandOf<"CreateDeployment"> | CommandOf<"UpdateDeployment"> | CommandOf<"DeleteDeployment">;

interface Target {
  readonly organization: OrganizationState;
  readonly project: ActiveProject;
  /** Rule 11: deployment names are slugified before any create, update or delete. */
  readonly slug: string;
}

async function target(run: Dispatch, command: DeploymentScoped): Step<Target> {
  const organization = await run.authorize(command.organization);
  if (organization._tag === "Left") return organization;
  const slug = slugOf(command.name);
  if (slug === undefined) return rejected(DomainErrors.deploymentNameRequired());
  const project = await run.project(command.organization, command.projectKey);
  if (project._tag === "Left") return project;
  return right({ organization: organization.right, project: project.right, slug });
}

/** The GitHub App must still reach the repository to fetch the revision. */
function checkGranted(run: Dispatch, t: Target): Step<void> {
  const granted = t.organization.status === "active" && isRepositoryGranted(t.organization, t.project.repositoryUrl);
  return Promise.resolve(
    granted ? right(undefined) : rejected(DomainErrors.repositoryNotGranted(t.project.organization, t.project.repositoryUrl)),
  );
}

const loadDeployment = (run: Dispatch, projectKey: string, slug: string) =>
  run.load(deploymentStream(projectKey, slug), deploymentDecider, deploymentEventSerde);

const MAX_INDEX_ROUNDS = 5;

/**
 * For stores without multi-stream appends (writeWithIndex), the project's index of deployments follows the deployment
 * stream in rounds: each round adds or removes the name as the
 * deployment stands at a known version (round one: the version this command's write left), then checks that the
 * deployment is still at that version after the index write. A create
 * and a delete of one name racing each other could otherwise each decide on a stale view and leave the index listing
 * a deleted deployment or missing a live one; with this, whoever changes the deployment last re-reads it after its own
 * index write. Later rounds carry a derived command id, since the command's own id is already recorded there.
 */
async function syncProjectIndex(
  run: Dispatch,
  organization: string,
  projectKey: string,
  slug: string,
  /** The deployment as this command's own write (or its replay) left it: round one decides on it without a re-read. */
  written: { readonly state: DeploymentState; readonly version: number },
): Step<void> {
  const stream = deploymentStream(projectKey, slug);
  for (let round = 0; round < MAX_INDEX_ROUNDS; round += 1) {
    // Round one needs no read: if another writer changed the deployment since, the version check below sees it and the
    // next round reads the stream as it is then.
    let current = written;
    if (round > 0) {
      const loaded = await run.load(stream, deploymentDecider, deploymentEventSerde, { fresh: true });
      if (loaded._tag === "Left") return loaded;
      current = loaded.right;
    }
    const { state, version } = current;
    const command = indexCommand(organization, projectKey, slug)(state);
    const commandId = round === 0 ? run.envelope.commandId : `${run.envelope.commandId}:index-${round}`;
    const indexed = await run.exec(projectStream(projectKey), projectDecider, projectEventSerde, command, commandId);
    if (indexed._tag === "Left") return indexed;
    if ((await run.ports.store.streamVersion(stream)) === version) return right(undefined);
  }
  return left({
    kind: "conflict",
    streamName: projectStream(projectKey),
    attempts: MAX_INDEX_ROUNDS,
    message: `Deployment '${slug}' kept changing while project '${projectKey}' indexed it; retry the command.`,
  });
}

/** The project's index entry for a deployment in `state`: listed while deployed, absent otherwise. */
function indexCommand(organization: string, projectKey: string, slug: string) {
  return (state: DeploymentState) =>
    state.status === "deployed"
      ? { type: "AddDeployment" as const, organization, projectKey, deployment: slug, environment: state.environment, gitRev: state.gitRev }
      : { type: "RemoveDeployment" as const, organization, projectKey, deployment: slug };
}

/**
 * Writes a deployment command and the project's index entry that follows from it. On a store with multi-stream
 * appends both go in one transaction, each checked at the version it was decided on, so the index can never be left
 * behind (and a legacy deployment whose index entry an older, interrupted write left missing is indexed here too).
 * Otherwise the deployment is written first and syncProjectIndex repairs the index round by round.
 */
async function writeWithIndex(run: Dispatch, projectKey: string, slug: string, command: DeploymentCommand): Step<void> {
  const stream = deploymentStream(projectKey, slug);
  if (run.atomicPairs) {
    const done = await run.execPair(
      { streamName: stream, decider: deploymentDecider, serde: deploymentEventSerde, command },
      {
        streamName: projectStream(projectKey),
        decider: projectDecider,
        serde: projectEventSerde,
        follow: indexCommand(command.organization, projectKey, slug),
      },
    );
    return done._tag === "Left" ? done : right(undefined);
  }
  const written = await run.exec(stream, deploymentDecider, deploymentEventSerde, command);
  if (written._tag === "Left") return written;
  return syncProjectIndex(run, command.organization, projectKey, slug, written.right);
}

/** The deployment stream decides (it is the authority on existence); the project's index of deployments follows. */
async function createDeployment(run: Dispatch, command: CommandOf<"CreateDeployment">): Step<DispatchSuccess> {
  const found = await target(run, command);
  if (found._tag === "Left") return found;
  const { project, slug } = found.right;
  const granted = await checkGranted(run, found.right);
  if (granted._tag === "Left") return granted;
  // Fail fast, before resolving git, when the name is taken (the decider checks again against the stream it appends to).
  const current = await run.load(deploymentStream(project.projectKey, slug), deploymentDecider, deploymentEventSerde, { seen: true });
  if (current._tag === "Left") return current;
  if (current.right.state.status === "deployed" && current.right.byCommand.length === 0) {
    return rejected(DomainErrors.deploymentAlreadyExists(slug));
  }
  const resolution = await run.resolve(project.repositoryUrl, command.gitRev, project.rootPath);
  if (resolution._tag === "Left") return resolution;
  const { organization, projectKey, environment, gitRev } = command;
  const created = await writeWithIndex(run, projectKey, slug, {
    type: "CreateDeployment",
    organization,
    projectKey,
    deployment: slug,
    environment,
    gitRev,
    resolution: resolution.right,
  });
  return created._tag === "Left" ? created : run.success();
}

/** Rules 15-17: name, environment and tracked revision stay; the revision is re-resolved unless the hash is preserved. */
async function updateDeployment(run: Dispatch, command: CommandOf<"UpdateDeployment">): Step<DispatchSuccess> {
  const found = await target(run, command);
  if (found._tag === "Left") return found;
  const { project, slug } = found.right;
  const current = await loadDeployment(run, project.projectKey, slug);
  if (current._tag === "Left") return current;
  const state = current.right.state;
  if (state.status !== "deployed") return rejected(DomainErrors.deploymentNotFound(slug, "update"));
  const granted = await checkGranted(run, found.right);
  if (granted._tag === "Left") return granted;
  const preserveGitHash = command.preserveGitHash ?? false;
  const resolution = await run.resolve(project.repositoryUrl, preserveGitHash ? state.commit : state.gitRev, project.rootPath);
  if (resolution._tag === "Left") return resolution;
  // The index entry that follows repairs the project's index if a creation was interrupted before writing it (a no-op
  // otherwise); it is decided after the redeploy, so that a refused update still writes nothing.
  const done = await writeWithIndex(run, project.projectKey, slug, {
    type: "RedeployDeployment",
    organization: command.organization,
    projectKey: command.projectKey,
    deployment: slug,
    trigger: "update",
    force: command.force ?? false,
    preserveGitHash,
    resolution: resolution.right,
  });
  return done._tag === "Left" ? done : run.success();
}

/** See DECISIONS.md: the deployment and its schedules go; executions already requested or running are left to finish. */
async function deleteDeployment(run: Dispatch, command: CommandOf<"DeleteDeployment">): Step<DispatchSuccess> {
  const found = await target(run, command);
  if (found._tag === "Left") return found;
  const { organization, projectKey } = command;
  const { slug } = found.right;
  const deleted = await writeWithIndex(run, projectKey, slug, { type: "DeleteDeployment", organization, projectKey, deployment: slug });
  return deleted._tag === "Left" ? deleted : run.success();
}

/** Organization, project and the deployment the name slugifies to (rule 11). */
function deploymentScopedStreams(command: DeploymentScoped): readonly string[] {
  const slug = slugOf(command.name);
  const { organization, projectKey } = command;
  return [organizationStream(organization), projectStream(projectKey), ...(slug === undefined ? [] : [deploymentStream(projectKey, slug)])];
}

export const createDeploymentFlow: DeclaredFlow<CommandOf<"CreateDeployment">> = {
  streams: deploymentScopedStreams,
  run: createDeployment,
};
export const updateDeploymentFlow: DeclaredFlow<CommandOf<"UpdateDeployment">> = {
  streams: deploymentScopedStreams,
  run: updateDeployment,
};
export const deleteDeploymentFlow: DeclaredFlow<CommandOf<"DeleteDeployment">> = {
  streams: deploymentScopedStreams,
  run: deleteDeployment,
};
