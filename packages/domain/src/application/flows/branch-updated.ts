import type { CommandOf } from "../../commands.js";
import { branchPushEventSerde, deploymentEventSerde } from "../../events.js";
import { branchPushDecider } from "../../branch-push/decider.js";
import { branchPushKeyOf } from "../../naming/keys.js";
import { DomainErrors } from "../../errors.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { tracksBranch } from "../../deployment/state.js";
import { normalizeRepositoryUrl } from "../../naming/repository-url.js";
import { isRepositoryGranted, projectsOfRepository } from "../../organization/state.js";
import { branchPushStream, deploymentStream, organizationStream, projectStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";

/**
 * Rule 19: a push to a branch redeploys every deployment of the organization that tracks that branch of that
 * repository; deployments pinned to a commit (or tracking another revision) are left alone. A deployment already at
 * the branch's commit is skipped silently (rule 16, no force); one that can no longer deploy is reported in `rejections`
 * while the others go ahead.
 *
 * A retry with the same command id answers what the first run did and decides nothing again: the run ends by writing a
 * mark on the push's own stream, and a retry that finds it only recalls what it wrote. Without the mark, a push that
 * found every deployment up to date left no trace, and its retry after a later push redeployed to the newer commit.
 * A run cut short before its mark is finished by its retry like any other command.
 */
async function notifyBranchUpdated(run: Dispatch, command: CommandOf<"NotifyBranchUpdated">): Step<DispatchSuccess> {
  const organization = await run.authorize(command.organization);
  if (organization._tag === "Left") return organization;
  const normalized = normalizeRepositoryUrl(command.repositoryUrl);
  if (normalized._tag === "Left") return rejected(DomainErrors.repositoryUrlInvalid(command.repositoryUrl, normalized.left));
  const org = organization.right;
  if (org.status !== "active") return rejected(DomainErrors.organizationNotFound(command.organization));
  const granted = isRepositoryGranted(org, normalized.right);
  const pushStream = branchPushStream(branchPushKeyOf(command.organization, normalized.right, command.branch));
  const marked = await run.load(pushStream, branchPushDecider, branchPushEventSerde, { seen: true });
  if (marked._tag === "Left") return marked;
  const retry = marked.right.byCommand.length > 0;

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
      if (retry) {
        // Recorded after what the first run wrote here (the mark came last), so the answer keeps its order.
        const recalled = await run.recall(streamName, deploymentDecider, deploymentEventSerde);
        if (recalled._tag === "Left") return recalled;
        continue;
      }
      const loaded = await run.load(streamName, deploymentDecider, deploymentEventSerde);
      if (loaded._tag === "Left") return loaded;
      const state = loaded.right.state;
      if (state.status !== "deployed" || !tracksBranch(state, command.branch)) continue;
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
  const { branch } = command;
  const mark = { type: "RecordBranchPush" as const, organization: command.organization, repositoryUrl: normalized.right, branch };
  // On a retry the handler finds the mark and answers with it; a first run writes it last, after every redeploy.
  const done = await run.exec(pushStream, branchPushDecider, branchPushEventSerde, mark);
  if (done._tag === "Left") return done;
  return run.success();
}

export const branchUpdatedFlow: DeclaredFlow<CommandOf<"NotifyBranchUpdated">> = {
  streams: (command) => {
    const normalized = normalizeRepositoryUrl(command.repositoryUrl);
    const organization = organizationStream(command.organization);
    if (normalized._tag === "Left") return [organization];
    return [organization, branchPushStream(branchPushKeyOf(command.organization, normalized.right, command.branch))];
  },
  run: notifyBranchUpdated,
};
