export { createGitResolver, type GitResolverOptions, type ManifestParser } from "./git-resolver.js";
export { GitOutputTooLargeError, GitUnavailableError } from "./run-git.js";
