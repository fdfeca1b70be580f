import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseMeltanoProject, type ManifestParseResult } from "@cloud-ledger/domain";
import { readProjectFromDirectory } from "./directory-source.js";

export type ProjectLoadError =
  | { readonly kind: "project-root-not-found"; readonly root: string; readonly message: string }
  | { readonly kind: "project-root-not-a-directory"; readonly root: string; readonly message: string }
  | { readonly kind: "meltano-yml-not-found"; readonly root: string; readonly message: string };

/**
 * Reads and parses the Meltano project in `root`. A missing folder or `meltano.yml` is a typed error; anything
 * wrong inside the files comes back as the parse result's located errors.
 */
export function loadProjectManifest(
  root: string,
): { readonly ok: true; readonly value: ManifestParseResult } | { readonly ok: false; readonly error: ProjectLoadError } {
  const base = resolve(root);
  const rootStat = statSync(base, { throwIfNoEntry: false });
  if (rootStat === undefined) {
    return { ok: false, error: { kind: "project-root-not-found", root: base, message: `Project root '${base}' does not exist` } };
  }
  if (!rootStat.isDirectory()) {
    return { ok: false, error: { kind: "project-root-not-a-directory", root: base, message: `Project root '${base}' is not a directory` } };
  }
  if (statSync(join(base, "meltano.yml"), { throwIfNoEntry: false })?.isFile() !== true) {
    return { ok: false, error: { kind: "meltano-yml-not-found", root: base, message: `No meltano.yml in '${base}': a project root is the folder that holds it` } };
  }
  return { ok: true, value: parseMeltanoProject(readProjectFromDirectory(base)) };
}
