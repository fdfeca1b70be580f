import type { RowTransaction } from "../row-transaction.js";
import { MODEL, type RowModel } from "./row-model.js";

export type InternalIdRow = {
  kind: "organization" | "project";
  organization: string;
  projectKey: string | null;
  assignedAt: string;
  retiredAt: string | null;
  replacedBy: string | null;
};

/** The scope listing one organization's (projectKey null) or one project's ids in the order they were assigned. */
export const idOwnerScope = (organization: string, projectKey: string | null): string => `${organization}/${projectKey ?? ""}`;

function assign(tx: RowTransaction, id: string, at: string, position: number, organization: string, projectKey: string | null): void {
  const record: InternalIdRow = {
    kind: projectKey === null ? "organization" : "project",
    organization,
    projectKey,
    assignedAt: at,
    retiredAt: null,
    replacedBy: null,
  };
  tx.put(MODEL.internalId, "", id, record);
  tx.put(MODEL.internalIdOfEntity, idOwnerScope(organization, projectKey), id, position, position);
}

async function retire(tx: RowTransaction, id: string, at: string, replacedBy: string): Promise<void> {
  const record = await tx.get<InternalIdRow>(MODEL.internalId, "", id);
  if (record !== undefined && record.retiredAt === null) tx.put(MODEL.internalId, "", id, { ...record, retiredAt: at, replacedBy });
}

/** Every internal id ever assigned (by id), and each owner's ids in assignment order. */
export const internalIdRows: RowModel = {
  name: "internal-id-index",
  async apply(tx, event, recorded) {
    const at = recorded.metadata.occurredAt;
    const position = recorded.globalPosition;
    switch (event.type) {
      case "OrganizationCreated":
        assign(tx, event.data.internalId, at, position, event.data.organization, null);
        return;
      case "OrganizationIdRegenerated":
        await retire(tx, event.data.previousInternalId, at, event.data.internalId);
        assign(tx, event.data.internalId, at, position, event.data.organization, null);
        return;
      case "ProjectCreated":
        assign(tx, event.data.internalId, at, position, event.data.organization, event.data.projectKey);
        return;
      case "ProjectIdRegenerated":
        await retire(tx, event.data.previousInternalId, at, event.data.internalId);
        assign(tx, event.data.internalId, at, position, event.data.organization, event.data.projectKey);
        return;
      default:
    }
  },
};
