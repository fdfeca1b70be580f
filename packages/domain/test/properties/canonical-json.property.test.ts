import { describe, expect, it } from "vitest";
import fc from "fast-check";
import canonicalizeModule from "canonicalize";
import { canonicalJson, hashEvent, type HashableEvent } from "@cloud-ledger/domain";

// The library is the oracle: the chain's hashes were defined with it, so the fast path must agree byte for byte.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Keys that stress the sort: shared prefixes, case, non-ASCII, astral characters and lone surrogates. */
const awkwardKey = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", "a", "A", "aa", "a\u0000", "é", "e\u0301", "😀", "\ud800", "\udfff", "10", "9", "__proto__", "constructor"),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, 0.1 + 0.2),
    fc.string({ unit: "binary" }),
    fc.constant(undefined),
  ),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 5 }),
  // Few keys (an event's payload) and many (past the insertion-sort cut-off).
  object: fc.oneof(
    fc.dictionary(awkwardKey, tie("node"), { maxKeys: 6 }),
    fc.dictionary(awkwardKey, tie("leaf"), { minKeys: 17, maxKeys: 30 }),
  ),
})).node;

describe("canonicalJson", () => {
  it("is byte for byte the canonicalize library's output on any JSON-like value", () => {
    fc.assert(
      fc.property(value, (input) => {
        expect(canonicalJson(input)).toBe(canonicalize(input));
      }),
      { numRuns: 2000 },
    );
  });

  it("honours toJSON and refuses NaN and the infinities, as the library does", () => {
    const dated = { at: new Date(0), nested: { toJSON: () => ({ b: 1, a: [2] }) } };
    expect(canonicalJson(dated)).toBe(canonicalize(dated));
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => canonicalJson({ x: [bad] })).toThrow();
      expect(() => canonicalize({ x: [bad] })).toThrow();
    }
  });

  it("leaves the hash chain's links unchanged", () => {
    const event = fc.record({
      streamName: fc.string({ minLength: 1 }),
      version: fc.integer({ min: 1 }),
      eventId: fc.string({ minLength: 1 }),
      type: fc.string({ minLength: 1 }),
      schemaVersion: fc.integer({ min: 1, max: 9 }),
      data: fc.jsonValue(),
      metadata: fc.record({
        actor: fc.string(),
        occurredAt: fc.string(),
        correlationId: fc.string(),
        causationId: fc.string(),
        commandId: fc.string(),
      }),
    });
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), event, (previous, e) => {
        const viaLibrary = canonicalize({ previousHash: previous, ...e });
        const hex = hashEvent(previous, e as HashableEvent, (text) => `sha(${text})`);
        expect(hex).toBe(`sha(${viaLibrary})`);
      }),
    );
  });
});
