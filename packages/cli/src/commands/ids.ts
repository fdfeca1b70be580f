import type { Command } from "commander";
import type { RecordedDomainEvent } from "@cloud-ledger/domain";
import type { InternalIdHistoryEntry } from "@cloud-ledger/projections";
import { withContext } from "../runtime/command-context.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parsePositiveInteger } from "../runtime/parsers.js";
import { utcTimestamp } from "./deployment.js";

/**
 * The new internal ID, from the event the command appended: a write answers from its own result, not by catching the
 * read models up and reading them back (issue 13).
 */
function regeneratedId(
  events: readonly RecordedDomainEvent[],
  type: "ProjectIdRegenerated" | "OrganizationIdRegenerated",
): string | undefined {
  for (const event of events) if (event.type === type) return event.data.internalId;
  return undefined;
}

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
          const result = await context.dispatch({ type: "RegenerateProjectId", organization: org, projectKey: project.projectKey });
          const internalId = regeneratedId(result.events, "ProjectIdRegenerated");
          context.output.result(`Project '${project.name}': internal ID ${project.internalId} → ${internalId ?? "?"}`, {
            entity: "project",
            name: project.name,
            previousInternalId: project.internalId,
            internalId,
          });
          return;
        }
        const result = await context.dispatch({ type: "RegenerateOrganizationId", organization: org });
        const internalId = regeneratedId(result.events, "OrganizationIdRegenerated");
        context.output.result(`Organization '${organization.name}': internal ID ${organization.internalId} → ${internalId ?? "?"}`, {
          entity: "organization",
          name: organization.name,
          previousInternalId: organization.internalId,
          internalId,
        });
      });
    });

  ids
    .command("history")
    .description("Every internal ID the organization (or with --project-id, the selected project) has had; the last is current")
    .option("--project-id", "the selected project's IDs", false)
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 125)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .action(function (this: Command, options: { projectId: boolean; limit: number; after?: string }) {
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        const org = organization.billingAccountNumber;
        const entity = options.projectId
          ? { kind: "project" as const, organization: org, projectKey: (await selectProject(context, organization)).projectKey }
          : { kind: "organization" as const, organization: org };
        const views = await context.views();
        const page = await firstItems((p) => views.internalIdHistory(entity, p), options.limit, options.after);
        context.output.table<InternalIdHistoryEntry>({
          columns: [
            { header: "Internal ID", cell: (row) => row.internalId },
            { header: "Assigned (UTC)", cell: (row) => utcTimestamp(row.assignedAt) },
            { header: "Retired (UTC)", cell: (row) => (row.retiredAt === null ? "current" : utcTimestamp(row.retiredAt)) },
          ],
          rows: page.rows,
          json: (row) => row,
        });
        noticeTruncated(context.output, page.next);
      });
    });
}
