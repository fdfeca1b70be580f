import path from "node:path";
import { normalizeRepositoryUrl } from "@cloud-ledger/domain";

/**
 * A repository as typed: a URL or scp-style address passes through; a local path (relative or absolute) becomes the
 * domain's canonical file:// URL of the absolute folder, so `./acme` and `/home/me/acme` name the same repository and
 * a folder named `a#b` or `%2E%2E` is the folder read back. A path the domain refuses is passed on for it to explain.
 */
export function repositoryArgument(value: string, baseDirectory = process.cwd()): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^/\\]+@[^/\\]+:/.test(value)) return value;
  const absolute = path.resolve(baseDirectory, value);
  const canonical = normalizeRepositoryUrl(absolute);
  return canonical._tag === "Right" ? canonical.right : absolute;
}
