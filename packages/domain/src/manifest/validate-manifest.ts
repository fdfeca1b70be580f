import { formatYamlPath } from "./yaml-path.js";
import type { Location } from "./yaml-reader.js";
import type { ManifestEnvironment, ManifestError, ManifestJob, ManifestSchedule } from "./types.js";
import { echo } from "../echo.js";

export interface Located<T> {
  readonly value: T;
  readonly location: Location;
}

/** Rules that span entries and files: unique names (rules 34, env service), job references, default environment. */
export function validateManifest(input: {
  readonly environments: readonly Located<ManifestEnvironment>[];
  readonly jobs: readonly Located<ManifestJob>[];
  readonly schedules: readonly Located<ManifestSchedule>[];
  readonly defaultEnvironment: Located<string> | undefined;
}): ManifestError[] {
  const errors: ManifestError[] = [
    ...duplicates(input.environments, (name) => `An Environment named '${echo(name)}' already exists.`),
    ...duplicates(input.jobs, (name) => `Job '${echo(name)}' already exists`),
    ...duplicates(input.schedules, (name) => `Schedule '${echo(name)}' already exists`),
  ];
  const jobNames = new Set(input.jobs.map((job) => job.value.name));
  for (const { value: schedule, location } of input.schedules) {
    if (schedule.kind === "job" && !jobNames.has(schedule.job)) {
      const message = `Job '${echo(schedule.job)}' was not found (named by schedule '${echo(schedule.name)}')`;
      errors.push(error({ ...location, path: [...location.path, "job"] }, message));
    }
  }
  const fallback = input.defaultEnvironment;
  if (fallback !== undefined && !input.environments.some((environment) => environment.value.name === fallback.value)) {
    errors.push(error(fallback.location, `Environment '${echo(fallback.value)}' was not found (default_environment)`));
  }
  return errors;
}

function duplicates<T extends { readonly name: string }>(
  entries: readonly Located<T>[],
  message: (name: string) => string,
): ManifestError[] {
  const first = new Map<string, Location>();
  const errors: ManifestError[] = [];
  for (const { value, location } of entries) {
    const earlier = first.get(value.name);
    if (earlier === undefined) first.set(value.name, location);
    else {
      const where = `(first defined in ${echo(earlier.file)} at ${formatYamlPath(earlier.path)})`;
      errors.push(error({ ...location, path: [...location.path, "name"] }, `${message(value.name)} ${where}`));
    }
  }
  return errors;
}

function error(location: Location, message: string): ManifestError {
  return { file: location.file, path: formatYamlPath(location.path), message };
}
