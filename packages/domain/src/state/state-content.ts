import * as t from "io-ts";
import { codecProblems } from "../codec/primitives.js";
import { echo } from "../echo.js";
import { canonicalJson } from "../integrity/canonical-json.js";
import { jsonProblem } from "../integrity/json-value-guard.js";
import type { JsonValue } from "../ports/event-store.js";

/*
 * Meltano's state JSON (rule 52): `{"completed": {"singer_state": ...}, "partial": {...}}`, at least one of the two
 * holding a `singer_state` object. The content is kept in the StateSet event itself (see DECISIONS.md), so it is bounded:
 * 256 KiB of canonical JSON keeps an event line, even with every character \u-escaped by an export, under the 1 MiB a
 * log line may have; real Singer bookmarks are a few KiB. Nesting stops at 64 levels (Singer state is four or five
 * deep), which also bounds every recursive walk over it.
 */
export const MAX_STATE_BYTES = 256 * 1024;
export const MAX_STATE_DEPTH = 64;

/** The normalized state content an event holds: `completed` and/or `partial`, each `{}` or `{ singer_state: {...} }`. */
// Type aliases, not interfaces: only an alias is assignable to JsonValue's index signature (events must be JSON).
export type StateContent = {
  readonly completed?: StateSection;
  readonly partial?: StateSection;
};

export type StateSection = {
  readonly singer_state?: { readonly [key: string]: JsonValue };
};

/** UTF-8 length of well-formed text (the content was checked for lone surrogates first), without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A surrogate pair is two units and four bytes; 0x80-0x7FF take two bytes, the rest of the BMP three.
    if (unit >= 0xd800 && unit <= 0xdfff) bytes += 1;
    else if (unit >= 0x800) bytes += 2;
    else if (unit >= 0x80) bytes += 1;
  }
  return bytes;
}

const SECTIONS = ["completed", "partial"] as const;

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u);

/**
 * Depth and `__proto__` keys, walked with the depth bound so the recursion stays shallow. `__proto__` is refused, not
 * kept: JSON.parse makes it an ordinary key, but any consumer that copies the object by assignment would set a
 * prototype instead (Singer taps never write it).
 */
/** `.name` for a plain key, else `["…"]` (JSON escapes make control characters and lone surrogates visible). */
const keyPath = (key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(echo(key, 60))}]`);

function structureProblem(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (depth >= MAX_STATE_DEPTH) return `${path} is nested deeper than ${MAX_STATE_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const problem = structureProblem(value[index], `${path}[${index}]`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return `${path} has a '__proto__' key`;
    const problem = structureProblem((value as Record<string, unknown>)[key], `${path}${keyPath(key)}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function sectionProblem(section: unknown, name: string): string | undefined {
  if (section === undefined) return undefined;
  if (!isRecord(section)) return `'${name}' must be an object`;
  const extra = Object.keys(section).find((key) => key !== "singer_state");
  if (extra !== undefined) return `'${name}' may only hold 'singer_state', not ${JSON.stringify(echo(extra, 60))}`;
  if ("singer_state" in section && !isRecord(section.singer_state)) return `'${name}.singer_state' must be an object`;
  return undefined;
}

/** Why `value` is not storable state content (JSON, bounds, then shape), or undefined. Bare `singer_state` is refused here. */
export function stateContentProblem(value: unknown): string | undefined {
  const structure = structureProblem(value, "the state", 0) ?? jsonProblem(value, "the state");
  if (structure !== undefined) return echo(structure, 300);
  if (!isRecord(value)) return "the state must be a JSON object";
  const extra = Object.keys(value).find((key) => key !== "completed" && key !== "partial");
  if (extra !== undefined) return `the state may only hold 'completed' and 'partial', not ${JSON.stringify(echo(extra, 60))}`;
  for (const name of SECTIONS) {
    const problem = sectionProblem(value[name], name);
    if (problem !== undefined) return problem;
  }
  const holds = (name: (typeof SECTIONS)[number]): boolean => isRecord(value[name]) && "singer_state" in (value[name] as object);
  if (!holds("completed") && !holds("partial")) return "the state must contain 'completed.singer_state' or 'partial.singer_state'";
  const bytes = utf8Length(canonicalJson(value));
  if (bytes > MAX_STATE_BYTES) return `the state is ${bytes} bytes as canonical JSON, over the limit of ${MAX_STATE_BYTES}`;
  return undefined;
}

/**
 * Rule 52's one rewrite: a bare `{"singer_state": ...}` becomes `{"completed": {"singer_state": ...}}`. The Meltano
 * Cloud CLI wraps it under `complete`, a key its own validation then refuses (see DECISIONS.md): `completed` is what
 * Meltano core reads. Anything else is returned as it came.
 */
export function normalizeStateContent(value: unknown): unknown {
  if (isRecord(value) && Object.keys(value).length === 1 && "singer_state" in value)
    return { completed: { singer_state: value.singer_state } };
  return value;
}

/** Why `value` is not state content a command may carry (bare `singer_state` allowed), or undefined. */
export function stateInputProblem(value: unknown): string | undefined {
  return stateContentProblem(normalizeStateContent(value));
}

function codec<A>(name: string, problem: (u: unknown) => string | undefined): t.Type<A, A, unknown> {
  const type = new t.Type<A, A, unknown>(
    name,
    (u): u is A => problem(u) === undefined,
    (u, c) => {
      const found = problem(u);
      return found === undefined ? t.success(u as A) : t.failure(u, c, found);
    },
    t.identity,
  );
  codecProblems.set(type, problem);
  return type;
}

/** What an event holds: normalized content within the bounds above. */
export const StateContentCodec = codec<StateContent>(
  `Meltano state JSON with 'completed.singer_state' or 'partial.singer_state' (at most ${MAX_STATE_BYTES} bytes)`,
  stateContentProblem,
);

/** What a command may carry: the same, or a bare `{"singer_state": ...}` that the flow wraps under `completed`. */
export const StateInputCodec = codec<JsonValue>(
  `Meltano state JSON with 'completed.singer_state', 'partial.singer_state' or 'singer_state' (at most ${MAX_STATE_BYTES} bytes)`,
  stateInputProblem,
);
