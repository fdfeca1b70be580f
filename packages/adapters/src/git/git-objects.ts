import { left, right, type Either } from "fp-ts/lib/Either.js";
import { echo } from "@cloud-ledger/domain";
import { runGit } from "./run-git.js";

export interface GitContext {
  readonly directory: string;
  readonly ceiling: string;
  readonly gitBinary?: string;
}

function options(context: GitContext, input?: string): Parameters<typeof runGit>[1] {
  return {
    cwd: context.directory,
    ceiling: context.ceiling,
    ...(input === undefined ? {} : { input }),
    ...(context.gitBinary === undefined ? {} : { gitBinary: context.gitBinary }),
  };
}

/** Whether the folder itself is a git repository (a work tree or a bare repository), without looking above it; a Left says why not. */
export async function checkRepository(context: GitContext): Promise<Either<string, void>> {
  const result = await runGit(["rev-parse", "--git-dir"], options(context));
  if (result.exitCode === 0) return right(undefined);
  const detail = result.stderr.trim().split("\n")[0] ?? "";
  return left(`'${echo(context.directory)}' is not a git repository${detail === "" ? "" : ` (${echo(detail)})`}`);
}

/** A branch, tag or (abbreviated) SHA to the full 40-hex commit, or undefined when it names no commit. */
export async function resolveCommit(context: GitContext, revision: string): Promise<string | undefined> {
  const result = await runGit(["rev-parse", "--verify", "--quiet", `${revision}^{commit}`], options(context));
  if (result.exitCode !== 0) return undefined;
  const commit = result.stdout.toString("utf8").trim();
  return /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
}

function treeish(commit: string, rootPath: string): string {
  return rootPath === "." ? `${commit}^{tree}` : `${commit}:${rootPath}`;
}

/** One entry of the project's tree at a commit. */
export interface TreeFile {
  readonly path: string;
  readonly bytes: number;
  /** Mode 120000: the blob holds the link's target path, not file content. */
  readonly symlink: boolean;
}

/**
 * Every file under the root folder at the commit (paths relative to that folder, with their size and whether they
 * are symbolic links); undefined if there is no such folder. Submodules (commits in the tree) are not files.
 */
export async function listFiles(context: GitContext, commit: string, rootPath: string): Promise<readonly TreeFile[] | undefined> {
  const result = await runGit(["ls-tree", "-r", "-l", "-z", treeish(commit, rootPath)], options(context));
  if (result.exitCode !== 0) return undefined;
  const files: TreeFile[] = [];
  for (const entry of result.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) blob [0-9a-f]+ +(\d+)\t([^]*)$/.exec(entry);
    if (match === null) continue;
    files.push({ path: match[3] ?? "", bytes: Number(match[2]), symlink: match[1] === "120000" });
  }
  return files;
}

/**
 * Reads several files at once through one `git cat-file --batch`: one process however many files a project
 * includes (dbt-heavy projects have hundreds of YAML files). Missing objects are simply absent from the result.
 */
export async function readFiles(
  context: GitContext,
  commit: string,
  rootPath: string,
  files: readonly TreeFile[],
): Promise<ReadonlyMap<string, string>> {
  const paths = files.map((file) => file.path);
  const requested = paths.filter((file) => !file.includes("\n"));
  const contents = new Map<string, string>();
  if (requested.length === 0) return contents;
  const prefix = rootPath === "." ? "" : `${rootPath}/`;
  const input = requested.map((file) => `${commit}:${prefix}${file}\n`).join("");
  // Callers pass only files within the size limit, so the output's size is known: headers plus contents.
  const maxBuffer = files.reduce((total, file) => total + file.bytes + file.path.length + 128, 0);
  const result = await runGit(["cat-file", "--batch"], { ...options(context, input), maxBuffer });
  if (result.exitCode !== 0) throw new Error(`git cat-file failed in '${echo(context.directory)}': ${echo(result.stderr.trim())}`);
  const output = result.stdout;
  let offset = 0;
  for (const file of requested) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const header = output.toString("utf8", offset, headerEnd);
    offset = headerEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (match === null) continue; // "<object> missing" (or ambiguous): nothing to read for this path
    const size = Number(match[2]);
    if (match[1] === "blob") contents.set(file, output.toString("utf8", offset, offset + size));
    offset += size + 1; // the content is followed by a newline
  }
  return contents;
}
