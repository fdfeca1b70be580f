import { stat } from "node:fs/promises";
import path from "node:path";
import { left, right, type Either } from "fp-ts/lib/Either.js";
import { echo, localRepositoryPath, normalizeRepositoryUrl } from "@cloud-ledger/domain";

/** The repository's folder, or why it cannot be read. */
export type RepositoryLocation = Either<string, string>;

/**
 * Where a repository lives on this machine: a local path (absolute, or relative to `baseDirectory`), a `file://` URL,
 * or any other URL that `mirrors` maps to a local path (e.g. the GitHub URL a project was registered with).
 */
export async function locateRepository(
  repository: string,
  options: { readonly baseDirectory: string; readonly mirrors: Readonly<Record<string, string>> },
): Promise<RepositoryLocation> {
  const mirrored = options.mirrors[repository];
  const target = mirrored ?? repository;
  let directory: string;
  if (target.startsWith("file://")) {
    // The domain's own canonical form and its exact inverse: the folder read is the one the project key names.
    const canonical = normalizeRepositoryUrl(target);
    if (canonical._tag === "Left") return left(`not a valid local repository URL (${canonical.left})`);
    const local = localRepositoryPath(canonical.right);
    if (local === undefined) return left("not a local repository URL");
    directory = local;
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[^/\\]+@[^/\\]+:/.test(target)) {
    return left("only local paths and file:// URLs can be read (map remote URLs to local clones with the `mirrors` option)");
  } else if (target.trim() === "") {
    return left("the repository location is empty");
  } else {
    directory = path.resolve(options.baseDirectory, target);
  }
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) return left(`'${echo(directory)}' is not a folder`);
  } catch {
    return left(`'${echo(directory)}' does not exist`);
  }
  return right(directory);
}
