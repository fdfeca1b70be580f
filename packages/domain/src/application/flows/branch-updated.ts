import type { CommandOf } from "../../commands.js";
import { deploymentEventSerde } from "../../events.js";
import { DomainErrors } from "../../errors.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { tracksBranch } from "../../deployment/state.js";
import { normalizeRepositoryUrl } from "../../naming/repository-url.js";
import { isRepositoryGranted, projectsOfRepository } from "../../organization/state.js";
import { deploymentStream, organizationStream, projectStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";

/**
 * Rule 19: a push to a branch redeploys every deployment of the organization that tracks that branch of that
 * repository; deployments pinned to a commit (or tracking another revision) are left alone. A deployment already at
 * the branch's commit is skipped silently (rule 16, no force); one that can no longer deploy is reported in `rejections`
 * while the others go ahead.
 */
async function notifyBranchUpdated(run: Dispatch, command: CommandOf<"NotifyBranchUpdated">): Step<DispatchSuccess> {
  const organization = await run.authorize(command.organization);
  if (organization._tag === "Left") return organization;
  const normalized = normalizeRepositoryUrl(command.repositoryUrl);
  if (normalized._tag === "Left") return rejected(DomainErrors.repositoryUrlInvalid(command.repositoryUrl, normalized.left));
  const org = organization.right;
  if (org.status !== "active") return rejected(DomainErrors.organizationNotFound(command.organization));
  const granted = isRepositoryGranted(org, normalized.right);

  // The register tells which projects (and they which deployments) to read: each level in one read ahead.
  const projectKeys = projectsOfRepository(org, normalized.right);
  await run.readAhead(projectKeys.map((projectKey) => projectStream(projectKey)));
  for (const projectKey of projectKeys) {
    const project = await run.project(command.organization, projectKey);
    if (project._tag === "Left") {
      // Registered but never created (a creation interrupted between its two streams): nothing is deployed there.
      if (project.left.kind === "rejected") continue;
      return project;
    }
    const tracking = [...project.right.deployments].filter(([, tracked]) => tracked.gitRev === command.branch);
    await run.readAhead(tracking.map(([slug]) => deploymentStream(projectKey, slug)));
    for (const [slug, tracked] of project.right.deployments) {
      if (tracked.gitRev !== command.branch) continue;
      const streamName = deploymentStream(projectKey, slug);
      const state = await run.load(streamName, deploymentDecider, deploymentEventSerde);
      if (state._tag === "Left") return state;
      if (state.right.status !== "deployed" || !tracksBranch(state.right, command.branch)) continue;
      if (!granted) {
        run.rejections.push({ streamName, error: DomainErrors.repositoryNotGranted(command.organization, normalized.right) });
        continue;
      }
      const resolution = await run.resolve(project.right.repositoryUrl, command.branch, project.right.rootPath);
      if (resolution._tag === "Left") {
        if (resolution.left.kind !== "rejected") return resolution;
        run.rejections.push({ streamName, error: resolution.left.error });
        continue;
      }
      const done = await run.exec(streamName, deploymentDecider, deploymentEventSerde, {
        type: "RedeployDeployment",
        organization: command.organization,
        projectKey,
        deployment: slug,
        trigger: "branch-updated",
        force: false,
        preserveGitHash: false,
        resolution: resolution.right,
      });
      if (done._tag === "Left") {
        if (done.left.kind !== "rejected") return done;
        if (done.left.error.code !== "deployment-up-to-date") run.rejections.push({ streamName, error: done.left.error });
      }
    }
  }
  return run.success();
}

export const branchUpdatedFlow: DeclaredFlow<CommandOf<"NotifyBranchUpdated">> = {
  streams: (command) => [organizationStream(command.organization)],
  run: notifyBranchUpdated,
};
