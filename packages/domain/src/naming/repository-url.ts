import { left, right, type Either } from "fp-ts/lib/Either.js";

/**
 * The stable form of a repository URL, used in project keys: the same repository written as
 * `git@github.com:Acme/Data.git`, `https://github.com/acme/data/` or `https://GitHub.com/Acme/Data.git` has one key.
 * GitHub owner and repository names are case-insensitive, so they are lower-cased; other hosts keep their path's case.
 * Local repositories (an absolute path or file:// URL) are kept as file:// URLs with their path untouched apart from a
 * trailing slash: their `.git` suffix is part of the directory name.
 */
export function normalizeRepositoryUrl(raw: string): Either<string, string> {
  const input = raw.trim();
  if (input === "") return left("a repository URL is required");
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(input);
  if (scp !== null) return fromHostAndPath("https:", scp[2] ?? "", scp[3] ?? "");
  if (input.startsWith("/")) return fromFilePath(input);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return left(`'${input}' is not a URL, an scp-style git address or an absolute path`);
  }
  if (url.protocol === "file:") {
    if (url.host !== "") return left(`file URL '${input}' must not name a host`);
    return fromFilePath(decodeURIComponent(url.pathname));
  }
  if (!["https:", "http:", "ssh:", "git:"].includes(url.protocol)) return left(`unsupported URL scheme '${url.protocol}'`);
  if (url.search !== "" || url.hash !== "") return left(`repository URL '${input}' must not have a query or fragment`);
  return fromHostAndPath(url.protocol === "http:" ? "http:" : "https:", url.host, url.pathname);
}

function fromHostAndPath(protocol: string, host: string, rawPath: string): Either<string, string> {
  const lowerHost = host.toLowerCase();
  if (lowerHost === "") return left("a repository URL needs a host");
  let path = rawPath.replace(/^\/+/, "").replace(/\/+$/, "").replace(/\.git$/, "");
  if (path === "" || path.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) {
    return left(`repository path '${rawPath}' is not a valid repository path`);
  }
  if (lowerHost === "github.com") {
    if (path.split("/").length !== 2) return left(`a GitHub repository URL must be github.com/<owner>/<repository>, got '${rawPath}'`);
    path = path.toLowerCase();
  }
  return right(`${protocol}//${lowerHost}/${path}`);
}

function fromFilePath(path: string): Either<string, string> {
  const trimmed = path.replace(/\/+$/, "");
  const segments = trimmed.split("/").slice(1);
  if (trimmed === "" || segments.some((segment) => segment === "" || segment === "." || segment === "..")) {
    return left(`local repository path '${path}' must be absolute and normalized`);
  }
  return right(`file://${trimmed}`);
}

/** The GitHub account owning a github.com repository URL (already normalized), or undefined for other hosts. */
export function githubOwnerOf(normalizedUrl: string): string | undefined {
  const match = /^https:\/\/github\.com\/([^/]+)\/[^/]+$/.exec(normalizedUrl);
  return match?.[1];
}
