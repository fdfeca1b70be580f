import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type RepositoryLocation =
  | { readonly ok: true; readonly directory: string }
  | { readonly ok: false; readonly reason: string };

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
    try {
      directory = fileURLToPath(target);
    } catch (error) {
      return { ok: false, reason: `not a valid file:// URL (${error instanceof Error ? error.message : String(error)})` };
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[^/\\]+@[^/\\]+:/.test(target)) {
    return { ok: false, reason: "only local paths and file:// URLs can be read (map remote URLs to local clones with the `mirrors` option)" };
  } else if (target.trim() === "") {
    return { ok: false, reason: "the repository location is empty" };
  } else {
    directory = path.resolve(options.baseDirectory, target);
  }
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) return { ok: false, reason: `'${directory}' is not a folder` };
  } catch {
    return { ok: false, reason: `'${directory}' does not exist` };
  }
  return { ok: true, directory };
}
