import type { LedgerReader, MembershipView, OrganizationView, ProjectView } from "@cloud-ledger/projections";
import { CliFailure, UsageError } from "./cli-errors.js";
import type { CommandContext } from "./command-context.js";
import { echo } from "@cloud-ledger/domain";

/** Every organization a user belongs to, page after page (a user belongs to a handful). */
export async function allMemberships(views: LedgerReader, githubUserId: string): Promise<readonly MembershipView[]> {
  const out: MembershipView[] = [];
  let after: string | undefined;
  do {
    const page = await views.memberships(githubUserId, after === undefined ? undefined : { limit: 250, after });
    out.push(...page.rows);
    after = page.next;
  } while (after !== undefined);
  return out;
}

/**
 * Which organization, project and deployment a command is about, resolved like the Meltano Cloud CLI resolves its
 * tenant, project and deployment: an explicit option wins, then the remembered default, then the only candidate.
 */
export async function selectOrganization(context: CommandContext): Promise<OrganizationView> {
  const identity = context.identity();
  const views = await context.views();
  const memberships = await allMemberships(views, identity.githubUserId);
  const named = context.globals.org;
  if (named !== undefined) {
    const match = memberships.find((membership) => membership.name === named);
    if (match === undefined)
      throw new CliFailure(
        `Organization '${echo(named)}' does not exist or ${identity.login} is not a member of it.`,
        "organization-not-found",
      );
    return (await views.organization(match.billingAccountNumber)) as OrganizationView;
  }
  const remembered = context.session().defaults.organization;
  const defaultMembership = memberships.find((membership) => membership.billingAccountNumber === remembered);
  const chosen = defaultMembership ?? (memberships.length === 1 ? memberships[0] : undefined);
  if (chosen !== undefined) return (await views.organization(chosen.billingAccountNumber)) as OrganizationView;
  if (memberships.length === 0) {
    throw new CliFailure(
      `${identity.login} belongs to no organization. Create one with \`cloud-ledger org create --name <name>\`, or ask an ` +
        `owner to add you.`,
      "no-organization",
    );
  }
  throw new CliFailure(
    `${identity.login} belongs to several organizations. Select one with --org <name> or \`cloud-ledger org use <name>\`.`,
    "multiple-organizations",
  );
}

/** A project by exact display name (rule 6), or the default one (rule 3). */
export async function selectProject(context: CommandContext, organization: OrganizationView, explicitName?: string): Promise<ProjectView> {
  const views = await context.views();
  const org = organization.billingAccountNumber;
  const name = explicitName ?? context.globals.project;
  if (name !== undefined) {
    const matches = await views.projectsNamed(org, name);
    if (matches.length === 1) return matches[0] as ProjectView;
    if (matches.length === 0)
      throw new CliFailure(`Unable to use project named '${echo(name)}' - no available project matches name.`, "project-not-found");
    throw new CliFailure(
      "Multiple Meltano Cloud projects have the specified name. Please specify the project using the `--id` option with its " +
        "internal ID, shown below. Note that these IDs may change at any time. To avoid this issue, please use unique " +
        `project names.\n${matches.map((project) => `${project.internalId}: ${project.name} ('${project.repositoryUrl}')`).join("\n")}`,
      "project-name-ambiguous",
    );
  }
  const remembered = context.session().defaults.projects?.[org];
  const project = remembered === undefined ? undefined : await views.project(org, remembered);
  if (project !== undefined) return project;
  // Two are enough to know whether there is exactly one.
  const all = (await views.projects(org, { limit: 2 })).rows;
  if (all.length === 1) {
    const only = all[0] as ProjectView;
    // Rule 3: a single project becomes the default automatically.
    context.remember((defaults) => ({ ...defaults, projects: { ...defaults.projects, [org]: only.projectKey } }));
    return only;
  }
  if (all.length === 0) {
    throw new CliFailure(
      "No Meltano Cloud projects are available, or no project has been selected as the default. Set one as the default using " +
        "the `cloud-ledger project use` command.",
      "no-project",
    );
  }
  throw new CliFailure(
    "Logged in Meltano user has multiple projects. Set one as the default project using the `cloud-ledger project use` command.",
    "multiple-projects",
  );
}

export function deploymentDefaultKey(organization: string, projectKey: string): string {
  return `${organization}/${projectKey}`;
}

/** An explicit deployment, or the project's default one (rule 26); neither is a usage error. */
export function selectDeployment(context: CommandContext, organization: OrganizationView, project: ProjectView, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const remembered = context.session().defaults.deployments?.[deploymentDefaultKey(organization.billingAccountNumber, project.projectKey)];
  if (remembered !== undefined) return remembered;
  throw new UsageError(
    "A deployment name is required. Please specify one with the '--deployment' option, or specify a default deployment by " +
      "running 'cloud-ledger deployment use'.",
  );
}
