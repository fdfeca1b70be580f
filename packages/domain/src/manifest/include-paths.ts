import picomatch from "picomatch";

export const MELTANO_FILE = "meltano.yml";

export type IncludePatternProblem = "absolute" | "outside-root" | "invalid";

/**
 * The files `include_paths` pulls in, the way Meltano's ProjectFiles resolves them: each pattern is globbed
 * against the project root (pathlib semantics: `*` and `[0-9]` within one path segment, `**` for any number of
 * folders, hidden files included, no braces), matches are de-duplicated keeping the first occurrence, and
 * `meltano.yml` itself is never included. pathlib yields matches in directory order, which differs between
 * machines; we sort each pattern's matches so that a project always merges the same way.
 */
export function resolveIncludePaths(
  patterns: readonly string[],
  files: readonly string[],
): {
  readonly paths: readonly string[];
  readonly problems: readonly { readonly index: number; readonly problem: IncludePatternProblem }[];
} {
  const paths: string[] = [];
  const seen = new Set<string>();
  const problems: { index: number; problem: IncludePatternProblem }[] = [];
  const sorted = [...files].map(normalizePath).sort();
  for (const [index, raw] of patterns.entries()) {
    if (raw.startsWith("/")) {
      problems.push({ index, problem: "absolute" });
      continue;
    }
    const pattern = normalizePath(raw);
    if (pattern.split("/").includes("..")) {
      problems.push({ index, problem: "outside-root" });
      continue;
    }
    let matches: (file: string) => boolean;
    try {
      matches = picomatch(pattern, { dot: true, nobrace: true, noextglob: true });
    } catch {
      // picomatch throws on patterns it cannot compile (over 64 KiB, for one): a problem of the file, not a crash.
      problems.push({ index, problem: "invalid" });
      continue;
    }
    for (const file of sorted) {
      if (file === MELTANO_FILE || seen.has(file) || !matches(file)) continue;
      seen.add(file);
      paths.push(file);
    }
  }
  return { paths, problems };
}

/** `./a//b/./c.yml` → `a/b/c.yml`. */
function normalizePath(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}
