import type { DomainProjection } from "../shared/domain-projection.js";
import { jsonEntries } from "../shared/json-shape.js";
import { childMap, entriesFromJson, entriesToJson } from "../shared/nested-map.js";

export interface ProjectEntry {
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  internalId: string;
  readonly createdAt: string;
}

/** Billing account number -> project key -> project. */
export type ProjectCatalogState = Map<string, Map<string, ProjectEntry>>;

/** Per organization: each project's display name, repository, root path and current internal id. */
export const projectCatalog: DomainProjection<ProjectCatalogState> = {
  name: "project-catalog",
  version: 1,
  initialState: () => new Map(),
  apply(state, event, recorded) {
    if (event.type === "ProjectCreated") {
      const d = event.data;
      childMap(state, d.organization).set(d.projectKey, {
        name: d.name,
        repositoryUrl: d.repositoryUrl,
        rootPath: d.rootPath,
        internalId: d.internalId,
        createdAt: recorded.metadata.occurredAt,
      });
    } else if (event.type === "ProjectIdRegenerated") {
      const project = state.get(event.data.organization)?.get(event.data.projectKey);
      if (project !== undefined) project.internalId = event.data.internalId;
    }
    return state;
  },
  toJson: (state) => entriesToJson(state, (projects) => entriesToJson(projects, (p) => ({ ...p }))),
  fromJson: (json) =>
    entriesFromJson(jsonEntries<[string, ProjectEntry][]>(json, "project-catalog"), (projects) =>
      entriesFromJson(projects, (p) => ({ ...p })),
    ),
};
