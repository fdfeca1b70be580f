import { left, right, type Either } from "fp-ts/lib/Either.js";
import { echo } from "../echo.js";

/**
 * The stable form of a repository URL, used in project keys: the same repository written as
 * `git@github.com:Acme/Data.git`, `https://github.com/acme/data/` or `https://GitHub.com/Acme/Data.git` has one key.
 * GitHub owner and repository names are case-insensitive, so they are lower-cased; other hosts keep their path's case.
 * Local repositories (an absolute path or file:// URL) become canonical file:// URLs: the folder's exact path (only a
 * trailing slash dropped; a `.git` suffix is part of the directory name) with every segment percent-encoded by
 * `encodeURIComponent`, so `#`, `?`, `%` and spaces in folder names survive a round trip through URL parsing and two
 * folders never share a form. `localRepositoryPath` is the inverse; a file URL's path is decoded exactly once.
 */
export function normalizeRepositoryUrl(raw: string): Either<string, string> {
  // A local path is taken exactly as given: a folder's name may end in a space.
  if (raw.startsWith("/")) return fromFilePath(raw);
  const input = raw.trim();
  if (input === "") return left("a repository URL is required");
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(input);
  if (scp !== null) return fromHostAndPath("https:", scp[2] ?? "", scp[3] ?? "");
  if (input.startsWith("/")) return fromFilePath(input);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return left(`'${echo(input)}' is not a URL, an scp-style git address or an absolute path`);
  }
  if (url.protocol === "file:") {
    if (url.host !== "") return left(`file URL '${echo(input)}' must not name a host`);
    // Even an empty `?` or `#` would silently cut the path short: in a folder name they are written %3F and %23.
    if (/[?#]/.test(input)) return left(`file URL '${echo(input)}' must not have a query or fragment (write '#' as %23 and '?' as %3F)`);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return left(`file URL '${echo(input)}' has a malformed percent-encoding`);
    }
    return fromFilePath(path);
  }
  if (!["https:", "http:", "ssh:", "git:"].includes(url.protocol)) return left(`unsupported URL scheme '${url.protocol}'`);
  if (url.search !== "" || url.hash !== "") return left(`repository URL '${echo(input)}' must not have a query or fragment`);
  return fromHostAndPath(url.protocol === "http:" ? "http:" : "https:", url.host, url.pathname);
}

function fromHostAndPath(protocol: string, host: string, rawPath: string): Either<string, string> {
  const lowerHost = host.toLowerCase();
  if (lowerHost === "") return left("a repository URL needs a host");
  let path = rawPath
    .replace(/^\/+/, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/, "");
  if (path === "" || path.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) {
    return left(`repository path '${echo(rawPath)}' is not a valid repository path`);
  }
  if (lowerHost === "github.com") {
    if (path.split("/").length !== 2)
      return left(`a GitHub repository URL must be github.com/<owner>/<repository>, got '${echo(rawPath)}'`);
    path = path.toLowerCase();
  }
  return right(`${protocol}//${lowerHost}/${path}`);
}

function fromFilePath(path: string): Either<string, string> {
  const trimmed = path.replace(/\/+$/, "");
  const segments = trimmed.split("/").slice(1);
  if (trimmed === "" || segments.some((segment) => segment === "" || segment === "." || segment === "..")) {
    return left(`local repository path '${echo(path)}' must be absolute and normalized`);
  }
  if (trimmed.includes("\0")) return left("a local repository path must not contain NUL characters");
  try {
    return right(`file:///${segments.map(encodeURIComponent).join("/")}`);
  } catch {
    return left("a local repository path must be valid Unicode (it has a lone surrogate)");
  }
}

/** The folder a canonical local repository URL (from normalizeRepositoryUrl) names; undefined for any other string. */
export function localRepositoryPath(normalizedUrl: string): string | undefined {
  if (!normalizedUrl.startsWith("file:///")) return undefined;
  let path: string;
  try {
    path = `/${normalizedUrl.slice("file:///".length).split("/").map(decodeURIComponent).join("/")}`;
  } catch {
    return undefined;
  }
  // Only the exact canonical spelling is accepted, so the folder read is always the one the key was made from.
  const canonical = fromFilePath(path);
  return canonical._tag === "Right" && canonical.right === normalizedUrl ? path : undefined;
}

/** The GitHub account owning a github.com repository URL (already normalized), or undefined for other hosts. */
export function githubOwnerOf(normalizedUrl: string): string | undefined {
  const match = /^https:\/\/github\.com\/([^/]+)\/[^/]+$/.exec(normalizedUrl);
  return match?.[1];
}
