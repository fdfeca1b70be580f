import { lstatSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { left, right, type Either } from "fp-ts/lib/Either.js";
import {
  echo,
  parseMeltanoProject,
  ProjectFileRefusedError,
  type ManifestParseResult,
  type ProjectFileRefusal,
} from "@cloud-ledger/domain";
import { readProjectFromDirectory } from "./directory-source.js";

export type ProjectLoadError =
  | { readonly kind: "project-root-not-found"; readonly root: string; readonly message: string }
  | { readonly kind: "project-root-not-a-directory"; readonly root: string; readonly message: string }
  | { readonly kind: "meltano-yml-not-found"; readonly root: string; readonly message: string }
  | (ProjectFileRefusal & { readonly root: string });

/**
 * Reads and parses the Meltano project in `root`. A missing folder or `meltano.yml`, or a project file that is a
 * symbolic link or over the size limit, is a typed error; anything wrong inside the files comes back as the parse
 * result's located errors.
 */
export function loadProjectManifest(root: string): Either<ProjectLoadError, ManifestParseResult> {
  const base = resolve(root);
  const rootStat = statSync(base, { throwIfNoEntry: false });
  if (rootStat === undefined) {
    return left({ kind: "project-root-not-found", root: base, message: `Project root '${echo(base)}' does not exist` });
  }
  if (!rootStat.isDirectory()) {
    const message = `Project root '${echo(base)}' is not a directory`;
    return left({ kind: "project-root-not-a-directory", root: base, message });
  }
  const manifest = lstatSync(join(base, "meltano.yml"), { throwIfNoEntry: false });
  if (manifest?.isFile() !== true && manifest?.isSymbolicLink() !== true) {
    const message = `No meltano.yml in '${echo(base)}': a project root is the folder that holds it`;
    return left({ kind: "meltano-yml-not-found", root: base, message });
  }
  try {
    return right(parseMeltanoProject(readProjectFromDirectory(base)));
  } catch (error) {
    if (!(error instanceof ProjectFileRefusedError)) throw error;
    return left({ ...error.refusal, root: base, message: `${error.refusal.message} (project root '${echo(base)}')` });
  }
}
