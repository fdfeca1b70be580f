import { left, right, type Either } from "fp-ts/lib/Either.js";
import { echo } from "../echo.js";

/**
 * A project's root inside its repository, normalized: relative, `/`-separated, no `.` or empty segments, no trailing
 * slash, and `.` for the repository root (the default). `..` segments are resolved, and any path that would leave the
 * repository is refused.
 */
export function normalizeRootPath(raw: string | undefined): Either<string, string> {
  const input = (raw ?? ".").trim();
  if (input === "") return right(".");
  if (input.includes("\\")) return left(`root path '${echo(input)}' must use '/' separators`);
  if (input.startsWith("/")) return left(`root path '${echo(input)}' must be relative to the repository root`);
  // git reads `<commit>:<root>/<file>` lines on stdin: a newline in the root would name another object.
  if (/\p{Cc}/u.test(input)) return left("root path must not contain control characters (NUL, newline, ...)");
  const stack: string[] = [];
  for (const segment of input.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return left(`root path '${echo(input)}' escapes the repository`);
      stack.pop();
      continue;
    }
    stack.push(segment);
  }
  return right(stack.length === 0 ? "." : stack.join("/"));
}
