import * as t from "io-ts";
import fc from "fast-check";
import {
  MAX_TIMEOUT_SECONDS,
  StateContentCodec,
  StateId,
  StateInputCodec,
  codecPatterns,
  integerRanges,
  structShapes,
  textLimits,
} from "@cloud-ledger/domain";
import { singerStateArbitrary, stateContentArbitrary, stateIdArbitrary } from "@cloud-ledger/domain/testing";

/** Codecs checked by a function rather than built from parts: their arbitraries come from the testing export. */
const CHECKED = new Map<t.Decoder<unknown, unknown>, fc.Arbitrary<unknown>>([
  [StateId, stateIdArbitrary],
  [StateContentCodec, stateContentArbitrary],
  [
    StateInputCodec,
    fc.oneof(
      stateContentArbitrary,
      singerStateArbitrary.map((s) => ({ singer_state: s })),
    ),
  ],
]);

/**
 * An arbitrary for any value a codec of the catalog accepts, derived from the codec itself (pattern strings, structs
 * with required and optional fields, arrays, literals, keyofs), so every command and event is covered without a
 * hand-written list that could fall behind the catalog.
 */
export function arbitraryOf(codec: t.Decoder<unknown, unknown>): fc.Arbitrary<unknown> {
  const pattern = codecPatterns.get(codec);
  if (pattern !== undefined) return fc.stringMatching(pattern);
  const checked = CHECKED.get(codec);
  if (checked !== undefined) return checked;
  const limits = textLimits.get(codec);
  if (limits !== undefined) {
    const text = fc.string({ unit: "binary", minLength: limits.nonBlank ? 1 : 0, maxLength: Math.min(limits.maxLength, 40) });
    return text.filter((s) => codec.decode(s)._tag === "Right");
  }
  const shape = structShapes.get(codec);
  if (shape !== undefined) {
    const required = Object.keys(shape.required);
    const fields = { ...shape.required, ...shape.optional } as Record<string, t.Decoder<unknown, unknown>>;
    const model = Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, arbitraryOf(field)]));
    return fc.record(model, { requiredKeys: required });
  }
  if (codec.name === "ExitCode") return fc.integer({ min: 0, max: 255 });
  if (codec.name === "TimeoutSeconds") return fc.integer({ min: 1, max: MAX_TIMEOUT_SECONDS });
  const range = integerRanges.get(codec);
  if (range !== undefined) return fc.integer(range);
  if (codec.name === "TickCount") return fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
  if (codec instanceof t.LiteralType) return fc.constant((codec as t.LiteralType<string>).value);
  if (codec instanceof t.KeyofType) return fc.constantFrom(...Object.keys((codec as t.KeyofType<Record<string, unknown>>).keys));
  if (codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType) {
    return fc.array(arbitraryOf((codec as t.ArrayType<t.Mixed>).type), { maxLength: 4 });
  }
  if (codec instanceof t.BooleanType) return fc.boolean();
  if (codec instanceof t.StringType) return fc.string({ maxLength: 30 });
  throw new Error(`no arbitrary for codec '${codec.name}'`);
}
