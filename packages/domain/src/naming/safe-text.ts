/**
 * Safe display text: what a name may contain so that printing it cannot take over a terminal or reorder what a reader
 * sees. Names travel from `meltano.yml` files and commands into tables, logs and audit trails; a control character
 * there can move the cursor, rewrite earlier lines or set the window title (ESC sequences), and a bidi override can
 * make `prod` read as `dorp` or hide text. One definition, used to refuse such names at the boundary (command codecs,
 * manifest readers) and to escape any that older events still carry (the CLI's output).
 *
 * Refused code points:
 * - C0 controls U+0000-U+001F (NUL, tab, newline, ESC, ...) and DEL U+007F;
 * - C1 controls U+0080-U+009F (U+009B is a one-byte CSI on many terminals);
 * - the line and paragraph separators U+2028/U+2029 (line breaks to many renderers);
 * - bidi controls: the marks U+200E/U+200F and U+061C, embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069.
 */
// Matching control characters is the very point of this pattern.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what is unsafe.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");
const UNSAFE_RUNS = new RegExp(`${UNSAFE.source}+`, "gu");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMES: Readonly<Record<number, string>> = {
  0x09: "a tab",
  0x0a: "a line feed",
  0x0d: "a carriage return",
  0x1b: "an escape character",
  0x7f: "a delete character",
  0x9b: "a control sequence introducer",
  0x061c: "an Arabic letter mark",
  0x200e: "a left-to-right mark",
  0x200f: "a right-to-left mark",
  0x2028: "a line separator",
  0x2029: "a paragraph separator",
  0x202a: "a left-to-right embedding",
  0x202b: "a right-to-left embedding",
  0x202c: "a pop directional formatting",
  0x202d: "a left-to-right override",
  0x202e: "a right-to-left override",
  0x2066: "a left-to-right isolate",
  0x2067: "a right-to-left isolate",
  0x2068: "a first strong isolate",
  0x2069: "a pop directional isolate",
};

/** True when `text` holds no control character and no bidi control: it prints as the characters it is. */
export function isSafeDisplayText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** The first code point that makes `text` unsafe to display, or undefined. */
export function firstUnsafeCodePoint(text: string): number | undefined {
  const match = UNSAFE.exec(text);
  return match === null ? undefined : match[0].codePointAt(0);
}

/** `U+001B (an escape character)`: how an error names a refused code point (never the character itself). */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[codePoint] ?? (codePoint <= 0x9f ? "a control character" : "a bidi control");
  return `${hex} (${name})`;
}

/** Why `text` cannot be displayed, as "<what> contains U+202E (a right-to-left override)", or undefined when it can. */
export function unsafeDisplayTextProblem(text: string, what: string): string | undefined {
  const codePoint = firstUnsafeCodePoint(text);
  return codePoint === undefined ? undefined : `${what} contains ${describeCodePoint(codePoint)}`;
}

/**
 * `text` with every unsafe code point written as `\u{...}` (lowercase hex), so that a name an older event still carries
 * is shown, visibly, instead of acting on the terminal. Safe text is returned unchanged (the common case costs one scan).
 */
export function escapeForDisplay(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`);
}

// The unsafe code points JSON.stringify leaves as they are (it already escapes U+0000-U+001F).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

/**
 * JSON text with every unsafe code point written as a `\uXXXX` escape: the same value to any JSON parser, inert on a
 * terminal. Such code points can only occur inside JSON strings, where the escape means the character itself.
 */
export function escapeJsonForDisplay(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `text` as one short, inert line for places that cannot refuse it (an email header, a receiver's response excerpt kept
 * in an event): each run of unsafe code points becomes one space, lone surrogates become U+FFFD (stores and mail
 * refuse them), and a longer line is cut to `limit` code units ending in `…`, never inside a surrogate pair.
 */
export function flattenForDisplay(text: string, limit: number): string {
  const flat = text.replace(UNSAFE_RUNS, " ").replace(LONE_SURROGATE, "\uFFFD").trim();
  if (flat.length <= limit) return flat;
  let end = Math.max(0, limit - 1);
  const last = flat.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${flat.slice(0, end).trimEnd()}…`;
}
