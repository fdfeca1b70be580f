/**
 * Checks that a value survives every store unchanged: plain JSON (no undefined, NaN, Infinity, bigint, Date, class
 * instance or sparse array) whose strings hold no NUL and no lone surrogate (PostgreSQL rejects both).
 *
 * This runs on every appended event of every store, so the common case (a valid value) takes a fast walk that builds
 * no paths or messages; only when it fails does the describing walk run to name the first problem.
 */

export const MAX_JSON_DEPTH = 256;

// The same test as /[\0\p{Cs}]/u (in unicode mode a paired surrogate is one code point, so \p{Cs} matches only lone
// halves), done by two native scans that skip the regex engine. isWellFormed is ES2024 (Node >= 20) while the
// workspace's lib is ES2023, hence the local type.
type WellFormedCheck = (this: string) => boolean;
const isWellFormed = (String.prototype as unknown as { readonly isWellFormed: WellFormedCheck }).isWellFormed;

/** True when `text` has no NUL character and no lone surrogate. */
export function isCleanText(text: string): boolean {
  return !text.includes("\0") && isWellFormed.call(text);
}

export function textProblem(text: string, what: string): string | undefined {
  if (isCleanText(text)) return undefined;
  return `${what} contains a NUL character or a lone surrogate`;
}

/** The first reason `value` is not portable JSON, naming its path, or undefined. */
export function jsonProblem(value: unknown, path: string, depth = 0): string | undefined {
  return isPortableJson(value, depth) ? undefined : describeProblem(value, path, depth);
}

/** The fast walk: exactly the rules of describeProblem, as a yes/no. */
function isPortableJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
      return isCleanText(value);
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          if (!(index in value) || !isPortableJson(value[index], depth + 1)) return false;
        }
        return true;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index]!;
        if (!isCleanText(key) || !isPortableJson(record[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function describeProblem(value: unknown, path: string, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
      return textProblem(value, path);
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${path} is ${String(value)}, not a finite number`;
    case "object":
      if (value === null) return undefined;
      if (depth >= MAX_JSON_DEPTH) return `${path} is nested deeper than ${MAX_JSON_DEPTH} levels`;
      return Array.isArray(value) ? arrayProblem(value, path, depth) : objectProblem(value, path, depth);
    default:
      return `${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}, not JSON`;
  }
}

function arrayProblem(array: readonly unknown[], path: string, depth: number): string | undefined {
  for (let index = 0; index < array.length; index += 1) {
    if (!(index in array)) return `${path}[${index}] is a hole in a sparse array`;
    const problem = describeProblem(array[index], `${path}[${index}]`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function objectProblem(object: object, path: string, depth: number): string | undefined {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) return `${path} is not a plain object`;
  for (const [key, child] of Object.entries(object)) {
    const keyProblem = textProblem(key, `a key of ${path}`);
    if (keyProblem !== undefined) return keyProblem;
    const problem = describeProblem(child, `${path}.${key}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
