import type { ProjectFileRefusal } from "../manifest/project-file-limits.js";
import type { ProjectManifest, ManifestError } from "../manifest/types.js";

export interface GitResolution {
  /** The 40-hex commit the revision resolved to. */
  readonly commit: string;
  readonly manifest: ProjectManifest;
  /** Problems Meltano itself would reject; a deployment is refused when there are any. */
  readonly manifestErrors: readonly ManifestError[];
}

export type GitResolveError =
  | { readonly kind: "repository-not-found"; readonly repository: string; readonly message: string }
  | { readonly kind: "revision-not-found"; readonly repository: string; readonly revision: string; readonly message: string }
  | {
      readonly kind: "manifest-not-found";
      readonly repository: string;
      readonly commit: string;
      readonly rootPath: string;
      readonly message: string;
    }
  | (ProjectFileRefusal & { readonly repository: string; readonly commit: string });

/** Turns (repository, revision, project root) into a commit and the project's manifest at that commit. */
export interface GitResolver {
  resolve(request: {
    readonly repository: string;
    readonly revision: string;
    readonly rootPath: string;
  }): Promise<{ readonly ok: true; readonly value: GitResolution } | { readonly ok: false; readonly error: GitResolveError }>;
}
