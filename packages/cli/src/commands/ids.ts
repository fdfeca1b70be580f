import type { Command } from "commander";
import type { InternalIdHistoryEntry } from "@cloud-ledger/projections";
import { withContext } from "../runtime/command-context.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { utcTimestamp } from "./deployment.js";

/**
 * Internal organization and project IDs "may change at any time without notice": `ids regenerate` changes one (and
 * nothing else — every reference uses stable keys), `ids history` shows every ID an entity has had.
 */
export function registerIdsCommands(program: Command): void {
  const ids = program.command("ids").description("Internal organization and project IDs: regenerate them, or show their history");

  ids
    .command("regenerate")
    .description("Issue a new internal ID for the organization, or with --project-id for the selected project")
    .option("--project-id", "regenerate the selected project's ID instead of the organization's", false)
    .action(function (this: Command, options: { projectId: boolean }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const org = organization.billingAccountNumber;
        if (options.projectId) {
          const project = await selectProject(context, organization);
          await context.dispatch({ type: "RegenerateProjectId", organization: org, projectKey: project.projectKey });
          const now = await (await context.views()).project(org, project.projectKey);
          context.output.result(`Project '${project.name}': internal ID ${project.internalId} → ${now?.internalId ?? "?"}`, {
            entity: "project",
            name: project.name,
            previousInternalId: project.internalId,
            internalId: now?.internalId,
          });
          return;
        }
        await context.dispatch({ type: "RegenerateOrganizationId", organization: org });
        const now = await (await context.views()).organization(org);
        context.output.result(`Organization '${organization.name}': internal ID ${organization.internalId} → ${now?.internalId ?? "?"}`, {
          entity: "organization",
          name: organization.name,
          previousInternalId: organization.internalId,
          internalId: now?.internalId,
        });
      });
    });

  ids
    .command("history")
    .description("Every internal ID the organization (or with --project-id, the selected project) has had; the last is current")
    .option("--project-id", "the selected project's IDs", false)
    .action(function (this: Command, options: { projectId: boolean }) {
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        const org = organization.billingAccountNumber;
        const entity = options.projectId
          ? { kind: "project" as const, organization: org, projectKey: (await selectProject(context, organization)).projectKey }
          : { kind: "organization" as const, organization: org };
        context.output.table<InternalIdHistoryEntry>({
          columns: [
            { header: "Internal ID", cell: (row) => row.internalId },
            { header: "Assigned (UTC)", cell: (row) => utcTimestamp(row.assignedAt) },
            { header: "Retired (UTC)", cell: (row) => (row.retiredAt === null ? "current" : utcTimestamp(row.retiredAt)) },
          ],
          rows: await (await context.views()).internalIdHistory(entity),
          json: (row) => row,
        });
      });
    });
}
