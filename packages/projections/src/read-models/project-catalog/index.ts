export { projectCatalog, type ProjectCatalogState, type ProjectEntry } from "./projection.js";
export { projectsOf, projectView, projectsNamed, type ProjectView } from "./queries.js";
export { projectsCreatedBy } from "./view-after.js";
