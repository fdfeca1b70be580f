/** A string check: true exactly when the pattern it was compiled from matches. */
export type StringCheck = (u: unknown) => boolean;

// `^[<letters, digits and ranges of them>]{<n>}$` with no flags: every id, key and hash pattern of the domain.
const FIXED_CLASS = /^\^\[((?:[0-9A-Za-z](?:-[0-9A-Za-z])?)+)\]\{(\d+)\}\$$/;

/**
 * Compiles a pattern of the form `^[class]{n}$` into a table lookup per character, or undefined for any other
 * pattern. On the replay path such a regex is called for every id of every event, and a loop over a 128-entry table
 * costs a fraction of a regex call. Without the `u`, `i`, `m` or `s` flags, `^`/`$` anchor the whole input and the class
 * is plain ASCII, so the table decides exactly what the regex does.
 */
export function compileFixedClassPattern(pattern: RegExp): StringCheck | undefined {
  if (pattern.flags !== "") return undefined;
  const match = FIXED_CLASS.exec(pattern.source);
  if (match === null) return undefined;
  const body = match[1] as string;
  const length = Number(match[2]);
  const allowed = new Uint8Array(128);
  for (let i = 0; i < body.length;) {
    const from = body.charCodeAt(i);
    if (body[i + 1] === "-") {
      const to = body.charCodeAt(i + 2);
      for (let c = from; c <= to; c++) allowed[c] = 1;
      i += 3;
    } else {
      allowed[from] = 1;
      i += 1;
    }
  }
  return (u) => {
    if (typeof u !== "string" || u.length !== length) return false;
    for (let i = 0; i < length; i++) {
      const c = u.charCodeAt(i);
      if (c >= 128 || allowed[c] === 0) return false;
    }
    return true;
  };
}
