import { Option, type Command } from "commander";
import { deploymentViewAfter, type DeploymentView } from "@cloud-ledger/projections";
import { slugify, echo, type DispatchSuccess } from "@cloud-ledger/domain";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parseName, parsePositiveInteger, parseSluggableName } from "../runtime/parsers.js";
import { deploymentDefaultKey, selectOrganization, selectProject } from "../runtime/selection.js";
import { registerNotifyPushCommand } from "./deployment-notify-push.js";

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the Meltano Cloud CLI prints "Last Deployed (UTC)". */
export function utcTimestamp(iso: string): string {
  return iso
    .replace("T", " ")
    .replace(/\.\d+/, "")
    .replace(/Z$|[+-]00:00$/, "");
}

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization, project, org: organization.billingAccountNumber, projectKey: project.projectKey };
}

function deploymentJson(view: DeploymentView, isDefault: boolean): Record<string, unknown> {
  return { default: isDefault, ...view };
}

export function registerDeploymentCommands(program: Command): void {
  const deployment = program.command("deployment").description("Deployments: a Meltano environment of a project, tracking a git revision");
  const nameOption = (): Option =>
    new Option("--name <name>", "deployment name (slugified)").argParser(parseSluggableName).makeOptionMandatory();

  deployment
    .command("create")
    .description("Deploy an environment of the project at a branch, tag or commit")
    .addOption(nameOption())
    .requiredOption("--environment <name>", "a Meltano environment defined in meltano.yml", parseName)
    .requiredOption("--git-rev <rev>", "branch, tag or commit SHA to track", parseName)
    .action(function (this: Command, options: { name: string; environment: string; gitRev: string }) {
      return withContext(this, "write", async (context) => {
        const { org, projectKey } = await scope(context);
        const name = slugify(options.name);
        // Read before the write (the answer comes from the result, issue 13): one deployment is enough to know whether
        // the project has any.
        const first = (await (await context.views()).deployments(org, projectKey, { limit: 1 })).rows.length === 0;
        const result = await context.dispatch({
          type: "CreateDeployment",
          organization: org,
          projectKey,
          name,
          environment: options.environment,
          gitRev: options.gitRev,
        });
        const created = deploymentViewAfter(org, projectKey, name, undefined, result.events);
        if (first) {
          // Rule 14: the project's first deployment becomes the default one.
          context.remember((defaults) => ({
            ...defaults,
            deployments: { ...defaults.deployments, [deploymentDefaultKey(org, projectKey)]: name },
          }));
          context.output.result(
            `Created first deployment. Set '${name}' as the default Meltano Cloud deployment for future commands`,
            created,
          );
        } else {
          context.output.result(
            `Created deployment "${name}". To use as default run "cloud-ledger deployment use --name ${name}"`,
            created,
          );
        }
      });
    });

  deployment
    .command("update")
    .description("Redeploy: re-resolve the tracked revision (or keep the commit) and pick up meltano.yml changes")
    .addOption(nameOption())
    .option("--force", "redeploy even when the manifest did not change", false)
    .option("--preserve-git-hash", "keep the deployed commit instead of re-resolving the tracked revision", false)
    .action(function (this: Command, options: { name: string; force: boolean; preserveGitHash: boolean }) {
      return withContext(this, "write", async (context) => {
        const { org, projectKey } = await scope(context);
        const name = slugify(options.name);
        // The deployment as it stands before the redeploy: the answer is this view with the command's events folded in.
        const before = await (await context.views()).deployment(org, projectKey, name);
        let result: DispatchSuccess;
        try {
          result = await context.dispatch({
            type: "UpdateDeployment",
            organization: org,
            projectKey,
            name,
            force: options.force,
            preserveGitHash: options.preserveGitHash,
          });
        } catch (error) {
          // Meltano Cloud answers "already up-to-date" as a notice, not a failure.
          if (error instanceof CliFailure && error.code === "deployment-up-to-date") {
            context.output.notice(error.message);
            if (context.output.format === "json") context.output.result("", { deployment: name, updated: false });
            return;
          }
          throw error;
        }
        context.output.result(`Updated deployment '${name}'`, deploymentViewAfter(org, projectKey, name, before, result.events));
      });
    });

  registerNotifyPushCommand(deployment);

  deployment
    .command("delete")
    .description("Delete a deployment (and its schedules)")
    .addOption(nameOption())
    .action(function (this: Command, options: { name: string }) {
      return withContext(this, "write", async (context) => {
        const { org, projectKey } = await scope(context);
        const name = slugify(options.name);
        await context.dispatch({ type: "DeleteDeployment", organization: org, projectKey, name });
        const key = deploymentDefaultKey(org, projectKey);
        if (context.session().defaults.deployments?.[key] === name) {
          context.remember((defaults) => ({
            ...defaults,
            deployments: Object.fromEntries(Object.entries(defaults.deployments ?? {}).filter(([k]) => k !== key)),
          }));
        }
        context.output.result(`Deleted deployment '${name}'`, { deployment: name, deleted: true });
      });
    });

  deployment
    .command("list")
    .description("The project's deployments")
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 125)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .action(function (this: Command, options: { limit: number; after?: string }) {
      return withContext(this, "read", async (context) => {
        const { org, projectKey } = await scope(context);
        const remembered = context.session().defaults.deployments?.[deploymentDefaultKey(org, projectKey)];
        const views = await context.views();
        const page = await firstItems((p) => views.deployments(org, projectKey, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        context.output.table({
          columns: [
            { header: "Default", cell: (row) => (row.deployment === remembered ? "X" : "") },
            { header: "Name", cell: (row) => row.deployment },
            { header: "Environment", cell: (row) => row.environment },
            { header: "Tracked Git Rev", cell: (row) => row.gitRev },
            { header: "Current Git Hash", cell: (row) => row.shortCommit },
            { header: "Last Deployed (UTC)", cell: (row) => utcTimestamp(row.lastDeployedAt) },
          ],
          rows: page.rows,
          json: (row) => deploymentJson(row, row.deployment === remembered),
          empty: "No deployments.",
        });
      });
    });

  deployment
    .command("use")
    .description("Remember a deployment as the default for schedule and run commands")
    .addOption(nameOption())
    .action(function (this: Command, options: { name: string }) {
      return withContext(this, "read", async (context) => {
        const { org, projectKey } = await scope(context);
        const name = slugify(options.name);
        const found = await (await context.views()).deployment(org, projectKey, name);
        if (found === undefined)
          throw new CliFailure(
            `Unable to use deployment named '${echo(name)}' - no available Meltano Cloud deployment matches name.`,
            "deployment-not-found",
          );
        context.remember((defaults) => ({
          ...defaults,
          deployments: { ...defaults.deployments, [deploymentDefaultKey(org, projectKey)]: name },
        }));
        context.output.result(`Set '${name}' as the default Meltano Cloud deployment for future commands`, deploymentJson(found, true));
      });
    });
}
