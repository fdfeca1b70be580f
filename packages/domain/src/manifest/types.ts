/** What the rest of the domain needs from a parsed Meltano project (`meltano.yml` plus its included files). */

export interface ManifestEnvironment {
  readonly name: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface ManifestJob {
  readonly name: string;
  readonly tasks: readonly (string | readonly string[])[];
}

interface ScheduleBase {
  readonly name: string;
  /** The raw interval as written: an alias (`@daily`, `@once`, ...) or a cron expression. */
  readonly interval: string;
  /** The `meltano.cloud.environments` annotation; absent means the schedule applies to every environment. */
  readonly cloudEnvironments?: readonly string[];
}

export interface JobSchedule extends ScheduleBase {
  readonly kind: "job";
  readonly job: string;
}

export interface EltSchedule extends ScheduleBase {
  readonly kind: "elt";
  readonly extractor: string;
  readonly loader: string;
  readonly transform: "run" | "skip" | "only";
  readonly startDate?: string;
}

export type ManifestSchedule = JobSchedule | EltSchedule;

export interface ProjectManifest {
  readonly projectId?: string;
  readonly defaultEnvironment?: string;
  readonly environments: readonly ManifestEnvironment[];
  readonly jobs: readonly ManifestJob[];
  readonly schedules: readonly ManifestSchedule[];
}

/** A located problem: which file, which YAML path (e.g. `schedules[2].interval`), and what is wrong. */
export interface ManifestError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Read access to a Meltano project's files, rooted at the project root (the folder holding `meltano.yml`).
 * Implemented over a directory (`@cloud-ledger/adapters/manifest-fs`) or a git commit (`@cloud-ledger/adapters/git`).
 */
export interface ManifestSource {
  /** Every file of the project, as POSIX paths relative to the project root (`meltano.yml`, `environments/prod.meltano.yml`). */
  listFiles(): readonly string[];
  /**
   * The UTF-8 text of a file listed by `listFiles`, or `undefined` when there is no such file. Readers throw
   * ProjectFileRefusedError for a file they refuse to read (a symbolic link, over MANIFEST_FILE_BYTE_LIMIT).
   */
  readFile(path: string): string | undefined;
}

/** What `parseMeltanoProject` returns: the merged manifest (as much as could be read) and every located problem. */
export interface ManifestParseResult {
  readonly manifest: ProjectManifest;
  /** Empty when Meltano itself would accept the project. */
  readonly errors: readonly ManifestError[];
}
