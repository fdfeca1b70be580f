import type { Either } from "fp-ts/lib/Either.js";
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

export interface GitResolveRequest {
  readonly repository: string;
  readonly revision: string;
  readonly rootPath: string;
}

/**
 * Turns (repository, revision, project root) into a commit and the project's manifest at that commit. A repository,
 * revision or manifest that cannot be had is a Left (the same result style as every other port); a Promise rejection
 * is left for failures of the machine itself (git missing, disk errors).
 */
export interface GitResolver {
  resolve(request: GitResolveRequest): Promise<Either<GitResolveError, GitResolution>>;
}
