import { execFile } from "node:child_process";

/** Environment variables that would redirect git away from the repository we name (set e.g. inside git hooks). */
const REDIRECTING_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_NAMESPACE",
  "GIT_COMMON_DIR",
  "GIT_CEILING_DIRECTORIES",
];

const DEFAULT_MAX_BUFFER = 256 * 1024 * 1024;

export interface GitRunOptions {
  /** The folder git runs in. */
  readonly cwd: string;
  /** Stops repository discovery from walking above this folder. */
  readonly ceiling?: string;
  /** Written to git's standard input, then closed. */
  readonly input?: string;
  readonly gitBinary?: string;
  /** The most bytes of standard output accepted (default 256 MiB); more is a GitOutputTooLargeError. */
  readonly maxBuffer?: number;
}

export interface GitRunResult {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** git wrote more than the caller allowed for (a huge tree listing): stated with its limit, not as a git failure. */
export class GitOutputTooLargeError extends Error {
  override readonly name = "GitOutputTooLargeError";
  constructor(
    readonly command: string,
    readonly limit: number,
  ) {
    super(`git ${command} wrote more than ${limit} bytes, the most this reader accepts`);
  }
}

/** git could not be started at all (not installed, not executable): an environment problem, not a user error. */
export class GitUnavailableError extends Error {
  override readonly name = "GitUnavailableError";
}

function gitEnvironment(ceiling: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1" };
  for (const name of REDIRECTING_VARIABLES) delete env[name];
  if (ceiling !== undefined) env.GIT_CEILING_DIRECTORIES = ceiling;
  return env;
}

/** Runs one git command without a shell; a non-zero exit is a result to interpret, not an exception. */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitRunResult> {
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve, reject) => {
    const child = execFile(
      options.gitBinary ?? "git",
      [...args],
      { cwd: options.cwd, env: gitEnvironment(options.ceiling), encoding: "buffer", maxBuffer },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString("utf8");
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr: stderrText });
          return;
        }
        if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
          reject(new GitOutputTooLargeError(args[0] ?? "", maxBuffer));
          return;
        }
        if (typeof error.code === "number") {
          resolve({ exitCode: error.code, stdout, stderr: stderrText });
          return;
        }
        reject(new GitUnavailableError(`Could not run git (${options.gitBinary ?? "git"}): ${error.message}`));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
