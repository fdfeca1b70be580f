import { left, right } from "fp-ts/lib/Either.js";
import type { GitResolver, GitResolution } from "../ports/git.js";
import type { ManifestError, ManifestSchedule, ProjectManifest } from "../manifest/types.js";
import { COMMIT_PATTERN } from "../codec/primitives.js";
import { digestOf } from "../naming/keys.js";

export interface ScheduleSpec {
  readonly name: string;
  readonly interval?: string;
  readonly job?: string;
  /** The `meltano.cloud.environments` annotation. */
  readonly environments?: readonly string[];
}

/** A small ProjectManifest for tests: environments by name, job schedules by name (interval `@daily` unless given). */
export function manifestOf(spec: {
  readonly environments: readonly string[];
  readonly schedules: readonly ScheduleSpec[];
  readonly projectId?: string;
}): ProjectManifest {
  const schedules: ManifestSchedule[] = spec.schedules.map((s) => ({
    kind: "job",
    name: s.name,
    job: s.job ?? `${s.name}-job`,
    interval: s.interval ?? "@daily",
    ...(s.environments === undefined ? {} : { cloudEnvironments: s.environments }),
  }));
  return {
    ...(spec.projectId === undefined ? {} : { projectId: spec.projectId }),
    environments: spec.environments.map((name) => ({ name, env: {} })),
    jobs: schedules.map((s) => ({ name: s.kind === "job" ? s.job : s.name, tasks: ["tap-x target-y"] })),
    schedules,
  };
}

interface Commit {
  readonly manifest: ProjectManifest;
  readonly manifestErrors: readonly ManifestError[];
}

export interface MemoryGitResolver extends GitResolver {
  /** Commits a manifest on a branch of a repository (any root path) and returns the new 40-hex commit. */
  commit(repository: string, branch: string, manifest: ProjectManifest, manifestErrors?: readonly ManifestError[]): string;
  /** Every resolve call, in order. */
  readonly calls: readonly { readonly repository: string; readonly revision: string; readonly rootPath: string }[];
}

/** An in-memory GitResolver: branches, deterministic commit hashes, typed errors for unknown repositories and revisions. */
export function createMemoryGitResolver(): MemoryGitResolver {
  const repositories = new Map<string, { branches: Map<string, string>; commits: Map<string, Commit> }>();
  const calls: { repository: string; revision: string; rootPath: string }[] = [];
  let counter = 0;
  return {
    calls,
    commit(repository, branch, manifest, manifestErrors = []) {
      let repo = repositories.get(repository);
      if (repo === undefined) {
        repo = { branches: new Map(), commits: new Map() };
        repositories.set(repository, repo);
      }
      counter += 1;
      const commit = digestOf(["commit", repository, branch, counter]).slice(0, 40);
      repo.commits.set(commit, { manifest, manifestErrors });
      repo.branches.set(branch, commit);
      return commit;
    },
    resolve(request) {
      calls.push({ ...request });
      const repo = repositories.get(request.repository);
      if (repo === undefined) {
        return Promise.resolve(
          left({
            kind: "repository-not-found",
            repository: request.repository,
            message: `Repository '${request.repository}' was not found.`,
          }),
        );
      }
      const commit = COMMIT_PATTERN.test(request.revision) ? request.revision : repo.branches.get(request.revision);
      const found = commit === undefined ? undefined : repo.commits.get(commit);
      if (commit === undefined || found === undefined) {
        return Promise.resolve(
          left({
            kind: "revision-not-found",
            repository: request.repository,
            revision: request.revision,
            message: `Revision '${request.revision}' was not found in '${request.repository}'.`,
          }),
        );
      }
      const value: GitResolution = { commit, manifest: found.manifest, manifestErrors: found.manifestErrors };
      return Promise.resolve(right(value));
    },
  };
}
