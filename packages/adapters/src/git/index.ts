export { createGitResolver, type GitResolverOptions, type ManifestParser } from "./git-resolver.js";
export { GitUnavailableError } from "./run-git.js";
