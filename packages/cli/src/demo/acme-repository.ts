import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The Acme Meltano project shipped with the CLI (packages/cli/demo/acme), found from src/ or from the built dist/. */
export function acmeProjectFolder(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = path.join(folder, "demo", "acme");
    if (existsSync(path.join(candidate, "meltano.yml"))) return candidate;
    folder = path.dirname(folder);
  }
  throw new Error("The demo's Acme Meltano project (demo/acme/meltano.yml) is missing from this installation.");
}

export interface AcmeRepository {
  readonly directory: string;
  readonly url: string;
  readonly commit: string;
}

/**
 * Commits the Acme project into a fresh git repository at `directory` (branch `main`, tag `v1.0.0`), with a fixed
 * author and date so the demo's commit hash is the same on every machine.
 */
function gitIn(directory: string, date: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Acme Data Team",
    GIT_AUTHOR_EMAIL: "data@acme.example",
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: "Acme Data Team",
    GIT_COMMITTER_EMAIL: "data@acme.example",
    GIT_COMMITTER_DATE: date,
  };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  return (...args: string[]): string =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.autocrlf=false", ...args], {
      cwd: directory,
      env,
      encoding: "utf8",
    }).trim();
}

/** Pushes a commit to main that only changes a plugin's config (the demo's push); returns its hash (fixed, like the first). */
export function pushConfigChange(repository: AcmeRepository): string {
  const git = gitIn(repository.directory, "2023-06-01T18:00:00Z");
  const file = path.join(repository.directory, "meltano.yml");
  appendFileSync(file, "# 2023-06-01: widen the GitHub sync's start date\n");
  git("commit", "--quiet", "-am", "GitHub sync: wider start date");
  return git("rev-parse", "HEAD");
}

export function createAcmeRepository(directory: string): AcmeRepository {
  cpSync(acmeProjectFolder(), directory, { recursive: true });
  const git = gitIn(directory, "2023-06-01T09:00:00Z");
  git("init", "--quiet", "--initial-branch=main");
  git("add", "-A");
  git("commit", "--quiet", "-m", "Acme Data Project: prod and staging environments, daily-transforms schedule");
  git("tag", "v1.0.0");
  return { directory, url: pathToFileURL(directory).href, commit: git("rev-parse", "HEAD") };
}
