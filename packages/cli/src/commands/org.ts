import { Option, type Command } from "commander";
import type { OrganizationView } from "@cloud-ledger/projections";
import type { Role } from "@cloud-ledger/domain";
import { findIdentity } from "../runtime/acting-identity.js";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { parseInstallationId, parseName, parseOrganizationName, parsePositiveInteger } from "../runtime/parsers.js";
import { repositoryArgument } from "../runtime/repository-argument.js";
import { allMemberships, selectOrganization } from "../runtime/selection.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { registerCreditsCommands } from "./org-credits.js";

const ROLES = ["owner", "maintainer", "reader"] as const;

/**
 * A member given as a recorded login or a GitHub user id. Adding a recorded identity signs it up first, as itself:
 * what its owner's first sign-in would have done.
 */
async function memberId(context: CommandContext, who: string, signUp = false): Promise<string> {
  const identity = findIdentity(context.session(), who);
  if (identity !== undefined) {
    if (!signUp) return identity.githubUserId;
    await context.client.dispatch(identity, { type: "SignUpUser", githubUserId: identity.githubUserId, login: identity.login });
    return identity.githubUserId;
  }
  if (/^[1-9]\d{0,19}$/.test(who)) return who;
  throw new CliFailure(
    `Unknown user '${who}': give a GitHub user id, or record the login once with \`cloud-ledger login --github-user <id> --login ${who}\`.`,
    "unknown-identity",
  );
}

async function refreshed(context: CommandContext, organization: string): Promise<OrganizationView> {
  return (await (await context.views()).organization(organization)) as OrganizationView;
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
        const view = await refreshed(context, number);
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
        await context.dispatch({
          type: "InstallGitHubApp",
          organization: organization.billingAccountNumber,
          installationId: options.installation,
          account: options.account,
          accountType: options.accountType,
        });
        const view = await refreshed(context, organization.billingAccountNumber);
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
          await context.dispatch({ type, organization: organization.billingAccountNumber, installationId, repositoryUrl });
          context.output.result(
            `${verb} access to ${repositoryUrl} (installation ${installationId}).`,
            await refreshed(context, organization.billingAccountNumber),
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
        const githubUserId = await memberId(context, who, true);
        await context.dispatch({ type: "AddMember", organization: organization.billingAccountNumber, githubUserId, role: options.role });
        context.output.result(
          `Added ${who} to '${organization.name}' as ${options.role}.`,
          await refreshed(context, organization.billingAccountNumber),
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
        const githubUserId = await memberId(context, who);
        await context.dispatch({
          type: "ChangeMemberRole",
          organization: organization.billingAccountNumber,
          githubUserId,
          role: options.role,
        });
        context.output.result(
          `${who} is now ${options.role} in '${organization.name}'.`,
          await refreshed(context, organization.billingAccountNumber),
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
        const githubUserId = await memberId(context, who);
        await context.dispatch({ type: "RemoveMember", organization: organization.billingAccountNumber, githubUserId });
        context.output.result(`Removed ${who} from '${organization.name}'.`, await refreshed(context, organization.billingAccountNumber));
      });
    });
}
