import { right, type Either } from "fp-ts/lib/Either.js";
import {
  codecPatterns,
  domainEventDefinitions,
  domainEventSerde,
  ExitCode,
  structShapes,
  textLimits,
  type DomainEvent,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import type { EventDecoder } from "../runner/projection.js";
import { compileFixedClassPattern } from "./decoding/fixed-class-pattern.js";

/** The parts of an io-ts codec this file looks at (io-ts itself is the domain's dependency, not ours). */
interface Codec {
  readonly _tag?: string;
  readonly type?: unknown;
  is(u: unknown): boolean;
}

type Check = (u: unknown) => boolean;

/**
 * Leaf codecs whose io-ts `validate` returns its input unchanged exactly when `is` accepts it, so `is` alone decides.
 * Pattern strings of the `^[class]{n}$` kind (ids, keys, hashes) become a table lookup per character; other patterns
 * get their regex called directly.
 */
function leafCheck(codec: Codec): Check | undefined {
  const pattern = codecPatterns.get(codec as never);
  if (pattern !== undefined) return compileFixedClassPattern(pattern) ?? ((u) => typeof u === "string" && pattern.test(u));
  // Bounded text: the codec's own `is` is its whole check, and its validate returns the input unchanged.
  if (textLimits.has(codec as never)) return (u) => codec.is(u);
  if (codec === (ExitCode as Codec)) return (u) => typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 255;
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
function compile(codec: Codec): Check | undefined {
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

function compileStruct(required: Record<string, Codec>, optional: Record<string, Codec>): Check | undefined {
  const requiredKeys = Object.keys(required);
  const optionalKeys = Object.keys(optional);
  const requiredChecks: Check[] = [];
  const optionalChecks: Check[] = [];
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
  requiredKeys.forEach((key, i) => fields.set(key, { check: requiredChecks[i] as Check, required: true }));
  optionalKeys.forEach((key, i) => fields.set(key, { check: optionalChecks[i] as Check, required: false }));
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
  readonly check: Check;
  readonly required: boolean;
}

interface Compiled {
  readonly type: string;
  readonly schemaVersion: number;
  readonly check: Check;
}

const compiled = new Map<string, Compiled>();
for (const definition of domainEventDefinitions) {
  const check = compile(definition.data);
  if (check !== undefined) compiled.set(definition.type, { type: definition.type, schemaVersion: definition.schemaVersion, check });
}

/**
 * The domain's full validation at replay speed. A stored event of the current schema version whose data passes the
 * compiled check is returned as is — exactly what `domainEventSerde` returns for it, without io-ts's per-call
 * contexts and wrappers. Everything else (older versions to upcast, unknown types, any invalid data) goes through
 * `domainEventSerde` itself, so every error names type, version and field just as before. The event's `type` is the
 * definition's own string, which read models can hash once.
 */
export const validatingDomainEventDecoder: EventDecoder<DomainEvent> = {
  decode(recorded: RecordedEvent): Either<string, DomainEvent> {
    const entry = compiled.get(recorded.type);
    if (entry !== undefined && recorded.schemaVersion === entry.schemaVersion && entry.check(recorded.data)) {
      return right({ type: entry.type, data: recorded.data } as DomainEvent);
    }
    return domainEventSerde.decode(recorded);
  },
};

/** Event types the fast path covers (the rest always take the io-ts path); for tests. */
export const compiledEventTypes: ReadonlySet<string> = new Set(compiled.keys());
