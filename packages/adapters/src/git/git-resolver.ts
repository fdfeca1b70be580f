import path from "node:path";
import { left, right, type Either } from "fp-ts/lib/Either.js";
import {
  echo,
  MANIFEST_FILE_BYTE_LIMIT,
  MANIFEST_TOTAL_BYTE_LIMIT,
  manifestIsALink,
  manifestTooLarge,
  manifestTotalTooLarge,
  normalizeRootPath,
  parseMeltanoProject,
  ProjectFileRefusedError,
} from "@cloud-ledger/domain";
import type { GitResolution, GitResolveError, GitResolver, ManifestParseResult, ManifestSource } from "@cloud-ledger/domain";
import { checkRepository, listFiles, readFiles, resolveCommit, type GitContext, type TreeFile } from "./git-objects.js";
import { locateRepository } from "./repository-location.js";

export type ManifestParser = (source: ManifestSource) => ManifestParseResult;

export interface GitResolverOptions {
  /** Turns the files at the commit into a manifest (default: the domain's `parseMeltanoProject`). */
  readonly parse?: ManifestParser;
  /** Relative repository paths resolve against this folder (default: the current working directory). */
  readonly baseDirectory?: string;
  /** Remote URL → local clone, for projects registered with their GitHub URL. */
  readonly mirrors?: Readonly<Record<string, string>>;
  readonly gitBinary?: string;
}

type Outcome = Either<GitResolveError, GitResolution>;

// A project's include_paths cannot include further files, so two reading rounds suffice; a few more cost nothing.
const MAX_READ_ROUNDS = 4;
const MANIFEST_FILE = "meltano.yml";

/** The domain's normalized root path (the form projects are stored with); undefined when it is refused. */
function rootPathOf(rootPath: string): string | undefined {
  const normalized = normalizeRootPath(rootPath);
  return normalized._tag === "Right" ? normalized.right : undefined;
}

function isAcceptableRevision(revision: string): boolean {
  // A leading dash would be read as an option; whitespace and control characters are never part of a ref name.
  return revision !== "" && !revision.startsWith("-") && !/[\s\p{Cc}]/u.test(revision);
}

/**
 * Reads a parsed manifest the parser asks for exactly the files it needs: every round parses with what has been read,
 * records the listed files it asked for and did not have yet, and fetches them in one batch. A file the parser asks
 * for that is a symbolic link or over the size limit stops the parse with a ProjectFileRefusedError.
 */
async function parseAtCommit(context: GitContext, commit: string, rootPath: string, files: readonly TreeFile[], parse: ManifestParser) {
  const listed = new Map(files.map((file) => [file.path, file]));
  const paths = files.map((file) => file.path);
  let total = 0;
  const read = (wanted: readonly string[]) => {
    const entries = wanted.flatMap((file) => listed.get(file) ?? []);
    for (const entry of entries) {
      refuseUnreadable(entry);
      total += entry.bytes;
      if (total > MANIFEST_TOTAL_BYTE_LIMIT) throw new ProjectFileRefusedError(manifestTotalTooLarge(entry.path, total));
    }
    return readFiles(context, commit, rootPath, entries);
  };
  const cache = new Map<string, string>(await read([MANIFEST_FILE]));
  for (let round = 1; ; round += 1) {
    const wanted = new Set<string>();
    const parsed = parse(sourceOf(paths, cache, listed, wanted));
    const missing = [...wanted].filter((file) => !cache.has(file));
    if (missing.length === 0 || round >= MAX_READ_ROUNDS) return parsed;
    const fetched = await read(missing);
    if (fetched.size === 0) return parsed;
    for (const [file, content] of fetched) cache.set(file, content);
  }
}

function sourceOf(
  paths: readonly string[],
  cache: ReadonlyMap<string, string>,
  listed: ReadonlyMap<string, TreeFile>,
  wanted: Set<string>,
): ManifestSource {
  return {
    listFiles: () => paths,
    readFile: (file) => {
      const content = cache.get(file);
      const entry = listed.get(file);
      if (content === undefined && entry !== undefined) {
        refuseUnreadable(entry);
        wanted.add(file);
      }
      return content;
    },
  };
}

function refuseUnreadable(file: TreeFile): void {
  if (file.symlink) throw new ProjectFileRefusedError(manifestIsALink(file.path));
  if (file.bytes > MANIFEST_FILE_BYTE_LIMIT) throw new ProjectFileRefusedError(manifestTooLarge(file.path, file.bytes));
}

/** A GitResolver over real repositories on this machine, through `git` subprocesses (no shell). */
export function createGitResolver(options: GitResolverOptions = {}): GitResolver {
  const parse = options.parse ?? parseMeltanoProject;
  const baseDirectory = options.baseDirectory ?? process.cwd();
  const mirrors = options.mirrors ?? {};
  return {
    async resolve({ repository, revision, rootPath }): Promise<Outcome> {
      const location = await locateRepository(repository, { baseDirectory, mirrors });
      if (location._tag === "Left") {
        const message = `Git repository '${echo(repository)}' cannot be read: ${location.left}.`;
        return left({ kind: "repository-not-found", repository, message });
      }
      const context: GitContext = {
        directory: location.right,
        ceiling: path.dirname(location.right),
        ...(options.gitBinary === undefined ? {} : { gitBinary: options.gitBinary }),
      };
      const isRepository = await checkRepository(context);
      if (isRepository._tag === "Left") {
        const message = `Git repository '${echo(repository)}' cannot be read: ${isRepository.left}.`;
        return left({ kind: "repository-not-found", repository, message });
      }
      const commit = isAcceptableRevision(revision) ? await resolveCommit(context, revision) : undefined;
      if (commit === undefined) {
        return left({
          kind: "revision-not-found",
          repository,
          revision,
          message: `Revision '${echo(revision)}' does not name a commit in git repository '${echo(repository)}'.`,
        });
      }
      const root = rootPathOf(rootPath);
      const files = root === undefined ? undefined : await listFiles(context, commit, root);
      if (root === undefined || files === undefined || !files.some((file) => file.path === MANIFEST_FILE)) {
        const where = root === undefined ? `'${echo(rootPath)}' (outside the repository)` : `'${echo(root)}'`;
        return left({
          kind: "manifest-not-found",
          repository,
          commit,
          rootPath,
          message: `No meltano.yml in project root ${where} at commit ${commit.slice(0, 7)} of git repository '${echo(repository)}'.`,
        });
      }
      try {
        const parsed = await parseAtCommit(context, commit, root, files, parse);
        return right({ commit, manifest: parsed.manifest, manifestErrors: parsed.errors });
      } catch (error) {
        if (!(error instanceof ProjectFileRefusedError)) throw error;
        const message = `${error.refusal.message} (git repository '${echo(repository)}', commit ${commit.slice(0, 7)})`;
        return left({ ...error.refusal, repository, commit, message });
      }
    },
  };
}
