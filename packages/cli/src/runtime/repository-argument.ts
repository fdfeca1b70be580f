import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A repository as typed: a URL or scp-style address passes through; a local path (relative or absolute) becomes the
 * absolute file:// URL the domain keys projects by, so `./acme` and `/home/me/acme` name the same repository.
 */
export function repositoryArgument(value: string, baseDirectory = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^/\\]+@[^/\\]+:/.test(value)) return value;
  return pathToFileURL(path.resolve(baseDirectory, value)).href;
}
