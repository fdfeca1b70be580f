/**
 * Checks that a value survives every store unchanged: plain JSON (no undefined, NaN, Infinity, bigint, Date, class
 * instance or sparse array) whose strings hold no NUL and no lone surrogate (PostgreSQL rejects both).
 */

export const MAX_JSON_DEPTH = 256;

// In unicode mode a paired surrogate is one code point, so \p{Cs} matches only lone halves.
const FORBIDDEN_TEXT = /[\0\p{Cs}]/u;

export function textProblem(text: string, what: string): string | undefined {
  if (!FORBIDDEN_TEXT.test(text)) return undefined;
  return `${what} contains a NUL character or a lone surrogate`;
}

/** The first reason `value` is not portable JSON, naming its path, or undefined. */
export function jsonProblem(value: unknown, path: string, depth = 0): string | undefined {
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
    const problem = jsonProblem(array[index], `${path}[${index}]`, depth + 1);
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
    const problem = jsonProblem(child, `${path}.${key}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
