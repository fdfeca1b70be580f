import type { Command } from "commander";
import { echo, parseStreamName, requiredRoleFor, roleAllows } from "@cloud-ledger/domain";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext } from "../runtime/command-context.js";
import { parseName } from "../runtime/parsers.js";
import { repositoryArgument } from "../runtime/repository-argument.js";
import { selectOrganization } from "../runtime/selection.js";

/** Rule L5: a push is a platform command, so this command speaks as GitHub's push webhook does. */
const WEBHOOK_ACTOR = "github-webhook";

function deploymentOf(streamName: string): string {
  const id = parseStreamName(streamName);
  return id?.kind === "deployment" ? id.deployment : streamName;
}

/**
 * `deployment notify-push`: what GitHub's push webhook tells the platform (rule 19). Every deployment of the selected
 * organization that tracks the branch redeploys to the commit the branch resolves to now; pinned ones stay. The
 * notification carries no commit (git is re-resolved), so it can only move deployments to what the repository says.
 */
export function registerNotifyPushCommand(deployment: Command): void {
  deployment
    .command("notify-push")
    .description("Announce a push: every deployment tracking the branch redeploys to its new commit (pinned ones stay)")
    .requiredOption("--repo <url-or-path>", "the repository pushed to (a URL, or a local git repository path)")
    .requiredOption("--branch <name>", "the branch that got new commits", parseName)
    .action(function (this: Command, options: { repo: string; branch: string }) {
      return withContext(this, "write", async (context) => {
        // Scoped to an organization the acting person belongs to, and to someone who could redeploy by hand (the
        // domain only hears the platform, so the role is checked here).
        const selected = await selectOrganization(context);
        const identity = context.identity();
        const role = selected.members.find((m) => m.githubUserId === identity.githubUserId)?.role ?? "reader";
        if (!roleAllows(role, "manage-deployments")) {
          const needed = requiredRoleFor("manage-deployments");
          throw new CliFailure(
            `${echo(identity.login)} has role '${role}' in '${echo(selected.name)}'; announcing a push needs '${needed}'.`,
            "insufficient-role",
          );
        }
        const organization = selected.billingAccountNumber;
        const repositoryUrl = repositoryArgument(options.repo);
        const done = await context.client.dispatchAsSystem(WEBHOOK_ACTOR, {
          type: "NotifyBranchUpdated",
          organization,
          repositoryUrl,
          branch: options.branch,
        });
        const redeployed = done.events.filter((e) => e.type === "DeploymentRedeployed").map((e) => e.data);
        const refused = done.rejections.map((r) => ({
          deployment: deploymentOf(r.streamName),
          code: r.error.code,
          message: r.error.message,
        }));
        for (const r of refused) context.output.notice(`Deployment '${r.deployment}' was not redeployed: ${r.message}`);
        const lines = redeployed.map(
          (d) => `Redeployed '${d.deployment}' to ${d.commit.slice(0, 7)} (was ${d.previousCommit.slice(0, 7)})`,
        );
        const summary = lines.length > 0 ? lines.join("\n") : `No deployment tracking '${options.branch}' needed a redeploy.`;
        context.output.result(summary, {
          repositoryUrl,
          branch: options.branch,
          redeployed: redeployed.map((d) => ({ deployment: d.deployment, previousCommit: d.previousCommit, commit: d.commit })),
          refused,
        });
      });
    });
}
