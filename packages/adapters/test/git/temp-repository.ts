import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real git repository in a temporary folder, for tests that must not mock git. */
export interface TempRepository {
  readonly directory: string;
  write(files: Readonly<Record<string, string>>): void;
  remove(file: string): void;
  /** Commits everything and returns the new commit's SHA. */
  commit(message: string): string;
  git(...args: string[]): string;
  dispose(): void;
}

export function createTempRepository(prefix = "cloud-ledger-git-"): TempRepository {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_DATE: "2023-06-01T00:00:00Z",
    GIT_COMMITTER_DATE: "2023-06-01T00:00:00Z",
  };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: directory,
      env,
      encoding: "utf8",
    }).trim();
  git("init", "--quiet", "--initial-branch=main");
  return {
    directory,
    write(files) {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(directory, file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    },
    remove(file) {
      git("rm", "--quiet", "-r", file);
    },
    commit(message) {
      git("add", "-A");
      git("commit", "--quiet", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD");
    },
    git,
    dispose() {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
