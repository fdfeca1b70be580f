import { Option, type Command } from "commander";
import { projectsCreatedBy, type ProjectView } from "@cloud-ledger/projections";
import { CliFailure, UsageError } from "../runtime/cli-errors.js";
import { withContext } from "../runtime/command-context.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parseName, parsePositiveInteger, parseSluggableName, parseUlid } from "../runtime/parsers.js";
import { repositoryArgument } from "../runtime/repository-argument.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { echo } from "@cloud-ledger/domain";

/** Projects as `project list` shows them: internal ids are left out, as they "may change at any time". */
function projectJson(project: ProjectView, isDefault: boolean): Record<string, unknown> {
  return { default: isDefault, name: project.name, repositoryUrl: project.repositoryUrl, rootPath: project.rootPath };
}

export function registerProjectCommands(program: Command): void {
  const project = program.command("project").description("Projects: a Meltano project in a git repository (repository + root path)");

  project
    .command("create")
    .description("Register a Meltano project kept in a repository the organization has granted")
    .requiredOption("--name <name>", "display name (unique in the organization once slugified)", parseSluggableName)
    .requiredOption("--repo-url <url-or-path>", "repository URL, or a local git repository path")
    .option("--root-path <path>", "folder of the Meltano project inside the repository (default: .)")
    .action(function (this: Command, options: { name: string; repoUrl: string; rootPath?: string }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const result = await context.dispatch({
          type: "CreateProject",
          organization: organization.billingAccountNumber,
          name: options.name,
          repositoryUrl: repositoryArgument(options.repoUrl),
          ...(options.rootPath === undefined ? {} : { rootPath: options.rootPath }),
        });
        // The project from the command's own events, not a read-back (issue 13).
        const [created] = projectsCreatedBy(organization.billingAccountNumber, result.events);
        if (created === undefined)
          throw new CliFailure(`Project '${echo(options.name)}' is not in this command's result.`, "project-not-found");
        context.output.result(`Project '${options.name}' created successfully.`, projectJson(created, false));
      });
    });

  project
    .command("list")
    .description("The organization's projects")
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 125)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .action(function (this: Command, options: { limit: number; after?: string }) {
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        const remembered = context.session().defaults.projects?.[organization.billingAccountNumber];
        const views = await context.views();
        const page = await firstItems((p) => views.projects(organization.billingAccountNumber, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        context.output.table({
          columns: [
            { header: "Default", cell: (row) => (row.projectKey === remembered ? "X" : "") },
            { header: "Name", cell: (row) => row.name },
            { header: "Git Repository", cell: (row) => row.repositoryUrl },
            { header: "Root Path", cell: (row) => row.rootPath },
          ],
          rows: page.rows,
          json: (row) => projectJson(row, row.projectKey === remembered),
          empty: "No projects.",
        });
      });
    });

  project
    .command("use")
    .description("Remember a project as the default for future commands")
    .option("--name <name>", "the project's exact name", parseName)
    .addOption(new Option("--id <ulid>", "the project's current internal ID").argParser(parseUlid))
    .action(function (this: Command, options: { name?: string; id?: string }) {
      if (options.name !== undefined && options.id !== undefined)
        throw new UsageError("The '--name' and '--id' options are mutually exclusive");
      if (options.name === undefined && options.id === undefined)
        throw new UsageError("Give the project with --name <name> or --id <internal id>.");
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        const org = organization.billingAccountNumber;
        let chosen: ProjectView;
        if (options.id !== undefined) {
          const views = await context.views();
          const entity = await views.resolveInternalId(org, options.id);
          const found = entity?.kind === "project" ? await views.project(org, entity.projectKey) : undefined;
          if (found === undefined)
            throw new CliFailure(
              `No project of '${organization.name}' currently has the internal ID '${echo(options.id)}'.`,
              "project-not-found",
            );
          chosen = found;
        } else {
          chosen = await selectProject(context, organization, options.name);
        }
        context.remember((defaults) => ({ ...defaults, organization: org, projects: { ...defaults.projects, [org]: chosen.projectKey } }));
        const message =
          options.id !== undefined
            ? `Set the project with ID '${options.id}' as the default Meltano Cloud project for future commands`
            : `Set '${chosen.name}' as the default Meltano Cloud project for future commands`;
        context.output.result(message, projectJson(chosen, true));
      });
    });
}
