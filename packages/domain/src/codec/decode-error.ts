import * as t from "io-ts";
import { echo } from "../echo.js";
import { structShapes, UnknownField } from "./primitives.js";
import { isLeft, left, right, type Either } from "fp-ts/lib/Either.js";

/** Where a decode failed: a dotted path (`schedules[2].interval`, or `(root)`) and the expected type's name. */
export interface DecodeProblem {
  readonly field: string;
  readonly expected: string;
}

function isPositional(type: t.Decoder<unknown, unknown> | undefined): boolean {
  return type instanceof t.ArrayType || type instanceof t.ReadonlyArrayType;
}

function isTransparent(type: t.Decoder<unknown, unknown> | undefined): boolean {
  if (type === undefined) return false;
  return type instanceof t.IntersectionType || type instanceof t.UnionType || type instanceof t.ExactType || structShapes.has(type);
}

/**
 * Turns io-ts errors into located problems. The offending value is deliberately never included: a command may carry
 * a secret value, and an error message is written to logs and terminals.
 */
export function describeDecodeErrors(errors: t.Errors): DecodeProblem[] {
  const seen = new Set<string>();
  const problems: DecodeProblem[] = [];
  for (const error of errors) {
    let field = "";
    const context = error.context;
    for (let i = 1; i < context.length; i += 1) {
      const parent = context[i - 1]?.type;
      const entry = context[i];
      // An excess field hangs directly off its struct, yet it is the very field to name.
      if (entry === undefined || (isTransparent(parent) && entry.type !== UnknownField)) continue;
      field += isPositional(parent) ? `[${entry.key}]` : field === "" ? entry.key : `.${entry.key}`;
    }
    const expected = context[context.length - 1]?.type.name ?? "unknown";
    const path = field === "" ? "(root)" : field;
    const key = `${path}|${expected}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push({ field: path, expected });
    }
  }
  return problems;
}

export function formatDecodeProblem(problem: DecodeProblem): string {
  return problem.expected === "no such field"
    ? `unknown field '${echo(problem.field)}'`
    : `field '${echo(problem.field)}' must be ${problem.expected}`;
}

/** Decodes and reports the first problem (the most useful one to fix first). */
export function decodeWith<A>(codec: t.Decoder<unknown, A>, input: unknown): Either<DecodeProblem, A> {
  const result = codec.decode(input);
  if (isLeft(result)) {
    const [first] = describeDecodeErrors(result.left);
    return left(first ?? { field: "(root)", expected: codec.name });
  }
  return right(result.right);
}
