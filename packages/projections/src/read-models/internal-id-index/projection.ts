import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries } from "../shared/json-shape.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";

export interface InternalIdRecord {
  readonly kind: "organization" | "project";
  /** The owning organization's billing account number. */
  readonly organization: string;
  /** The project's stable key, or null for an organization id. */
  readonly projectKey: string | null;
  readonly assignedAt: string;
  retiredAt: string | null;
  /** The id that replaced this one when it was retired. */
  replacedBy: string | null;
}

/** Internal id (ULID) -> what it named and when it was assigned and retired. */
export type InternalIdIndexState = Map<string, InternalIdRecord>;

function retire(state: InternalIdIndexState, id: string, at: string, replacedBy: string): void {
  const record = state.get(id);
  if (record !== undefined && record.retiredAt === null) {
    record.retiredAt = at;
    record.replacedBy = replacedBy;
  }
}

function assign(state: InternalIdIndexState, id: string, at: string, organization: string, projectKey: string | null): void {
  state.set(id, {
    kind: projectKey === null ? "organization" : "project",
    organization,
    projectKey,
    assignedAt: at,
    retiredAt: null,
    replacedBy: null,
  });
}

/** Every internal organization and project id ever assigned, current or retired. */
export const internalIdIndex: DomainProjection<InternalIdIndexState> = {
  name: "internal-id-index",
  version: 1,
  initialState: () => new Map(),
  apply(state, event, recorded) {
    const at = recorded.metadata.occurredAt;
    switch (event.type) {
      case "OrganizationCreated":
        assign(state, event.data.internalId, at, event.data.organization, null);
        break;
      case "OrganizationIdRegenerated":
        retire(state, event.data.previousInternalId, at, event.data.internalId);
        assign(state, event.data.internalId, at, event.data.organization, null);
        break;
      case "ProjectCreated":
        assign(state, event.data.internalId, at, event.data.organization, event.data.projectKey);
        break;
      case "ProjectIdRegenerated":
        retire(state, event.data.previousInternalId, at, event.data.internalId);
        assign(state, event.data.internalId, at, event.data.organization, event.data.projectKey);
        break;
      default:
    }
    return state;
  },
  toJson: (state) => entriesToJson(state, (r) => ({ ...r })),
  fromJson: (json) => entriesFromJson(jsonEntries<InternalIdRecord>(json, "internal-id-index"), (r) => ({ ...r })),
};
