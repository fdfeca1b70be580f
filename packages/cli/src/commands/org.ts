import { Option, type Command } from "commander";
import { organizationViewAfter, type OrganizationView } from "@cloud-ledger/projections";
import type { DispatchSuccess, Role } from "@cloud-ledger/domain";
import { findIdentity } from "../runtime/acting-identity.js";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { parseInstallationId, parseName, parseOrganizationName, parsePositiveInteger } from "../runtime/parsers.js";
import { repositoryArgument } from "../runtime/repository-argument.js";
import { allMemberships, selectOrganization } from "../runtime/selection.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { registerCreditsCommands } from "./org-credits.js";

const ROLES = ["owner", "maintainer", "reader"] as const;

/** A member as the command names them: the GitHub user id, and the login when it is known before the write. */
interface Member {
  readonly githubUserId: string;
  readonly login?: string;
}

/**
 * A member given as a recorded login or a GitHub user id. Adding a recorded identity signs it up first, as itself:
 * what its owner's first sign-in would have done. Adding by user id reads the user's login now, before anything is
 * written, from the read models the organization was selected from: the answer shows it.
 */
async function memberNamed(context: CommandContext, who: string, adding = false): Promise<Member> {
  const identity = findIdentity(context.session(), who);
  if (identity !== undefined) {
    if (adding) await context.client.dispatch(identity, { type: "SignUpUser", githubUserId: identity.githubUserId, login: identity.login });
    return { githubUserId: identity.githubUserId, login: identity.login };
  }
  if (/^[1-9]\d{0,19}$/.test(who)) {
    if (!adding) return { githubUserId: who };
    const login = await (await context.views()).login(who);
    return login === undefined ? { githubUserId: who } : { githubUserId: who, login };
  }
  throw new CliFailure(
    `Unknown user '${who}': give a GitHub user id, or record the login once with \`cloud-ledger login --github-user <id> --login ${who}\`.`,
    "unknown-identity",
  );
}

/**
 * The organization as the command's events leave it, from its view before them: the answer of a write, not a read-back
 * (issue 13). The acting user was signed up with their current login by this command's dispatch, so that is their
 * login now; `known` adds a member whose login the view before did not show.
 */
function organizationAfter(
  context: CommandContext,
  organization: string,
  before: OrganizationView | undefined,
  result: DispatchSuccess,
  known?: Member,
): OrganizationView {
  const identity = context.identity();
  const logins = new Map([[identity.githubUserId, identity.login]]);
  if (known?.login !== undefined) logins.set(known.githubUserId, known.login);
  const view = organizationViewAfter(organization, before, result.events, logins);
  if (view === undefined) throw new CliFailure(`Organization ${organization} is not in this command's result.`, "organization-not-found");
  return view;
}

export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("Organizations: create, list, select, GitHub App repositories and members");

  org
    .command("create")
    .description("Create an organization owned by you (name: at most 20 lowercase letters, digits or dashes)")
    .requiredOption("--name <name>", "organization name", parseOrganizationName)
    .action(function (this: Command, options: { name: string }) {
      return withContext(this, "write", async (context) => {
        const result = await context.dispatch({ type: "CreateOrganization", name: options.name });
        const created = result.events.find((event) => event.type === "OrganizationCreated");
        const number = (created?.data as { organization?: string } | undefined)?.organization ?? "";
        if (context.session().defaults.organization === undefined) context.remember((defaults) => ({ ...defaults, organization: number }));
        const view = organizationAfter(context, number, undefined, result);
        context.output.result(`Organization '${view.name}' created (billing account number ${view.billingAccountNumber}).`, view);
      });
    });

  org
    .command("list")
    .description("The organizations you belong to")
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 125)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .action(function (this: Command, options: { limit: number; after?: string }) {
      return withContext(this, "read", async (context) => {
        const identity = context.identity();
        const views = await context.views();
        const remembered = context.session().defaults.organization;
        const page = await firstItems((p) => views.memberships(identity.githubUserId, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        const rows = [];
        for (const membership of page.rows) {
          rows.push({
            ...((await views.organization(membership.billingAccountNumber)) as OrganizationView),
            role: membership.role,
            default: membership.billingAccountNumber === remembered,
          });
        }
        context.output.table({
          columns: [
            { header: "Default", cell: (row) => (row.default ? "X" : "") },
            { header: "Name", cell: (row) => row.name },
            { header: "Billing Account", cell: (row) => row.billingAccountNumber },
            { header: "Internal ID", cell: (row) => row.internalId },
            { header: "Your Role", cell: (row) => row.role },
            { header: "Members", cell: (row) => String(row.members.length) },
          ],
          rows,
          json: (row) => row,
          empty: `${identity.login} belongs to no organization.`,
        });
      });
    });

  org
    .command("use")
    .description("Remember an organization as the default for future commands")
    .argument("<name>", "organization name", parseName)
    .action(function (this: Command, name: string) {
      return withContext(this, "read", async (context) => {
        const identity = context.identity();
        const match = (await allMemberships(await context.views(), identity.githubUserId)).find((membership) => membership.name === name);
        if (match === undefined)
          throw new CliFailure(
            `Organization '${name}' does not exist or ${identity.login} is not a member of it.`,
            "organization-not-found",
          );
        context.remember((defaults) => ({ ...defaults, organization: match.billingAccountNumber }));
        context.output.result(`Set '${name}' as the default organization for future commands`, {
          organization: match.billingAccountNumber,
          name,
        });
      });
    });

  registerRepositoryCommands(org);
  registerMemberCommands(org);
  registerCreditsCommands(org);
}

function registerRepositoryCommands(org: Command): void {
  org
    .command("install-app")
    .description("Record a GitHub App installation on a GitHub account (an organization or a user)")
    .requiredOption("--installation <id>", "GitHub App installation id", parseInstallationId)
    .requiredOption("--account <name>", "the GitHub account the app is installed on", parseName)
    .addOption(new Option("--account-type <type>", "organization or user").choices(["organization", "user"]).default("organization"))
    .action(function (this: Command, options: { installation: string; account: string; accountType: "organization" | "user" }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const result = await context.dispatch({
          type: "InstallGitHubApp",
          organization: organization.billingAccountNumber,
          installationId: options.installation,
          account: options.account,
          accountType: options.accountType,
        });
        const view = organizationAfter(context, organization.billingAccountNumber, organization, result);
        context.output.result(
          `Installed the GitHub App (installation ${options.installation}) on ${options.accountType} '${options.account}'.`,
          view,
        );
      });
    });

  for (const [name, type, verb] of [
    ["grant-repo", "GrantRepository", "Granted"],
    ["revoke-repo", "RevokeRepository", "Revoked"],
  ] as const) {
    org
      .command(name)
      .description(
        `${verb === "Granted" ? "Grant" : "Revoke"} the GitHub App's access to a repository (a URL, or a local path for a ` +
          `local repository)`,
      )
      .requiredOption("--repo <url-or-path>", "repository URL, or a local git repository path")
      .option("--installation <id>", "the installation (default: the organization's only one)", parseInstallationId)
      .action(function (this: Command, options: { repo: string; installation?: string }) {
        return withContext(this, "write", async (context) => {
          const organization = await selectOrganization(context);
          const installations = organization.installations;
          const installationId = options.installation ?? (installations.length === 1 ? installations[0]?.installationId : undefined);
          if (installationId === undefined) {
            throw new CliFailure(
              installations.length === 0
                ? "The organization has no GitHub App installation: record one with `cloud-ledger org install-app` first."
                : "The organization has several GitHub App installations: choose one with --installation <id>.",
              "installation-required",
            );
          }
          const repositoryUrl = repositoryArgument(options.repo);
          const result = await context.dispatch({ type, organization: organization.billingAccountNumber, installationId, repositoryUrl });
          context.output.result(
            `${verb} access to ${repositoryUrl} (installation ${installationId}).`,
            organizationAfter(context, organization.billingAccountNumber, organization, result),
          );
        });
      });
  }
}

function registerMemberCommands(org: Command): void {
  const member = org.command("member").description("Members of the organization and their roles (owner, maintainer, reader)");
  const roleOption = (): Option => new Option("--role <role>", "owner, maintainer or reader").choices(ROLES).makeOptionMandatory();

  member
    .command("list")
    .description("Members and their roles")
    .action(function (this: Command) {
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        context.output.table({
          columns: [
            { header: "Login", cell: (row) => row.login ?? "" },
            { header: "GitHub User ID", cell: (row) => row.githubUserId },
            { header: "Role", cell: (row) => row.role },
          ],
          rows: organization.members,
          json: (row) => row,
        });
      });
    });

  member
    .command("add")
    .description("Add a member (a recorded login or a GitHub user id)")
    .argument("<user>", "login or GitHub user id")
    .addOption(roleOption())
    .action(function (this: Command, who: string, options: { role: Role }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const added = await memberNamed(context, who, true);
        const result = await context.dispatch({
          type: "AddMember",
          organization: organization.billingAccountNumber,
          githubUserId: added.githubUserId,
          role: options.role,
        });
        context.output.result(
          `Added ${who} to '${organization.name}' as ${options.role}.`,
          organizationAfter(context, organization.billingAccountNumber, organization, result, added),
        );
      });
    });

  member
    .command("role")
    .description("Change a member's role")
    .argument("<user>", "login or GitHub user id")
    .addOption(roleOption())
    .action(function (this: Command, who: string, options: { role: Role }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const changed = await memberNamed(context, who);
        const result = await context.dispatch({
          type: "ChangeMemberRole",
          organization: organization.billingAccountNumber,
          githubUserId: changed.githubUserId,
          role: options.role,
        });
        context.output.result(
          `${who} is now ${options.role} in '${organization.name}'.`,
          organizationAfter(context, organization.billingAccountNumber, organization, result),
        );
      });
    });

  member
    .command("remove")
    .description("Remove a member")
    .argument("<user>", "login or GitHub user id")
    .action(function (this: Command, who: string) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const { githubUserId } = await memberNamed(context, who);
        const result = await context.dispatch({ type: "RemoveMember", organization: organization.billingAccountNumber, githubUserId });
        context.output.result(
          `Removed ${who} from '${organization.name}'.`,
          organizationAfter(context, organization.billingAccountNumber, organization, result),
        );
      });
    });
}
