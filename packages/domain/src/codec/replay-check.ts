import type * as t from "io-ts";
import { compileFixedClassPattern } from "./fixed-class-pattern.js";
import { codecPatterns, codecProblems, ExitCode, integerRanges, structShapes, textLimits, TickCount } from "./primitives.js";

/*
 * The replay path's validation, generated from the codecs themselves in this one place (the package that builds them):
 * for each event definition a predicate that accepts exactly what its io-ts decode accepts and returns unchanged.
 * A reader that finds a current-version event passing it may use the stored data as is; anything else goes through
 * the serde, which names type, version and field in its error.
 */

/** The parts of an io-ts codec this file looks at. */
interface Codec {
  readonly _tag?: string;
  readonly type?: unknown;
  is(u: unknown): boolean;
}

/** True exactly when the codec's decode accepts the value and returns it unchanged. */
export type ReplayCheck = (u: unknown) => boolean;

/**
 * Leaf codecs whose io-ts `validate` returns its input unchanged exactly when `is` accepts it, so `is` alone decides.
 * Pattern strings of the `^[class]{n}$` kind (ids, keys, hashes) become a table lookup per character; other patterns
 * get their regex called directly.
 */
function leafCheck(codec: Codec): ReplayCheck | undefined {
  const pattern = codecPatterns.get(codec as never);
  if (pattern !== undefined) return compileFixedClassPattern(pattern) ?? ((u) => typeof u === "string" && pattern.test(u));
  // Bounded text: the codec's own `is` is its whole check, and its validate returns the input unchanged.
  if (textLimits.has(codec as never) || integerRanges.has(codec as never)) return (u) => codec.is(u);
  // Explained codecs (state ids, state content) only check: their validate returns the input itself.
  if (codecProblems.has(codec as never)) return (u) => codec.is(u);
  if (codec === (ExitCode as Codec)) return (u) => typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 255;
  if (codec === (TickCount as Codec)) return (u) => typeof u === "number" && Number.isSafeInteger(u) && u >= 1;
  switch (codec._tag) {
    case "StringType":
    case "NumberType":
    case "BooleanType":
    case "NullType":
    case "KeyofType":
    case "LiteralType":
      return (u) => codec.is(u);
    default:
      return undefined;
  }
}

/**
 * Compiles a codec into one predicate that accepts exactly what its io-ts decode accepts unchanged, or undefined when
 * the codec has a part whose decode might rewrite its input (then the event type keeps the io-ts path).
 */
function compile(codec: Codec): ReplayCheck | undefined {
  const shape = structShapes.get(codec as never);
  if (shape !== undefined) return compileStruct(shape.required, shape.optional);
  if (codec._tag === "ArrayType" || codec._tag === "ReadonlyArrayType") {
    const item = compile(codec.type as Codec);
    if (item === undefined) return undefined;
    return (u) => {
      if (!Array.isArray(u)) return false;
      for (let i = 0; i < u.length; i++) if (!item(u[i])) return false;
      return true;
    };
  }
  return leafCheck(codec);
}

function compileStruct(required: Record<string, Codec>, optional: Record<string, Codec>): ReplayCheck | undefined {
  const requiredKeys = Object.keys(required);
  const optionalKeys = Object.keys(optional);
  const requiredChecks: ReplayCheck[] = [];
  const optionalChecks: ReplayCheck[] = [];
  for (const key of requiredKeys) {
    const check = compile(required[key] as Codec);
    if (check === undefined) return undefined;
    requiredChecks.push(check);
  }
  for (const key of optionalKeys) {
    const check = compile(optional[key] as Codec);
    if (check === undefined) return undefined;
    optionalChecks.push(check);
  }
  const fields = new Map<string, Field>();
  requiredKeys.forEach((key, i) => fields.set(key, { check: requiredChecks[i] as ReplayCheck, required: true }));
  optionalKeys.forEach((key, i) => fields.set(key, { check: optionalChecks[i] as ReplayCheck, required: false }));
  const requiredCount = requiredKeys.length;
  // Writers list the keys in the codec's order, so each key is first compared with the one expected at its place
  // (property names are interned strings: one pointer comparison) and looked up only when that misses.
  const order = [...requiredKeys, ...optionalKeys];
  const orderFields = order.map((key) => fields.get(key) as Field);
  // One pass over the record's own keys (for-in reads each value by its enumeration index, with no per-key property
  // lookup): an unknown key or a bad value rejects, and every required key must have been seen. for-in also yields
  // inherited keys, which only makes it stricter than io-ts; an optional key set to undefined, which io-ts accepts,
  // is rejected here and left to the io-ts path.
  return (u) => {
    if (typeof u !== "object" || u === null || Object.prototype.toString.call(u) !== "[object Object]") return false;
    const record = u as Record<string, unknown>;
    let required = 0;
    let at = 0;
    for (const key in record) {
      const field = key === order[at] ? orderFields[at] : fields.get(key);
      at++;
      if (field === undefined || !field.check(record[key])) return false;
      if (field.required) required++;
    }
    return required === requiredCount;
  };
}

interface Field {
  readonly check: ReplayCheck;
  readonly required: boolean;
}

/** One event type's replay check, for its current schema version only (older versions are upcast by the serde). */
export interface EventReplayCheck {
  readonly type: string;
  readonly schemaVersion: number;
  readonly check: ReplayCheck;
}

/**
 * Compiles each definition's data codec, leaving out a type whose codec has a part whose decode might rewrite its input
 * (that type always takes the serde's path).
 */
export function compileEventReplayChecks(
  definitions: readonly { readonly type: string; readonly schemaVersion: number; readonly data: t.Decoder<unknown, unknown> }[],
): ReadonlyMap<string, EventReplayCheck> {
  const checks = new Map<string, EventReplayCheck>();
  for (const definition of definitions) {
    const check = compile(definition.data as unknown as Codec);
    if (check !== undefined) checks.set(definition.type, { type: definition.type, schemaVersion: definition.schemaVersion, check });
  }
  return checks;
}
