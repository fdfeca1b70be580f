export { readProjectFromDirectory, SKIPPED_FOLDERS } from "./directory-source.js";
export { loadProjectManifest, type ProjectLoadError } from "./load-project-manifest.js";
