import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";
import { normalizeRepositoryUrl } from "../naming/repository-url.js";
import { normalizeRootPath } from "../naming/root-path.js";
import { projectKeyOf } from "../naming/keys.js";
import { slugOf } from "../naming/slugify.js";

export interface ProjectIdentity {
  readonly projectKey: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  readonly nameSlug: string;
}

/** What defines a project (rule 8), normalized, and the stable key derived from it. */
export function identifyProject(input: {
  readonly organization: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath?: string;
}): Either<DomainError, ProjectIdentity> {
  const nameSlug = slugOf(input.name);
  if (nameSlug === undefined) return left(DomainErrors.projectNameInvalid(input.name));
  const repositoryUrl = normalizeRepositoryUrl(input.repositoryUrl);
  if (repositoryUrl._tag === "Left") return left(DomainErrors.repositoryUrlInvalid(input.repositoryUrl, repositoryUrl.left));
  const rootPath = normalizeRootPath(input.rootPath);
  if (rootPath._tag === "Left") return left(DomainErrors.rootPathInvalid(input.rootPath ?? "", rootPath.left));
  return right({
    projectKey: projectKeyOf(input.organization, repositoryUrl.right, rootPath.right),
    repositoryUrl: repositoryUrl.right,
    rootPath: rootPath.right,
    nameSlug,
  });
}
