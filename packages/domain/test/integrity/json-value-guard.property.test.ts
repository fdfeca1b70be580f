import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isCleanText, jsonProblem, MAX_JSON_DEPTH, textProblem } from "@cloud-ledger/domain";

// The guard as it was before its fast path (regex text check, one describing walk): the fast path must refuse exactly
// the same values with exactly the same messages.
const FORBIDDEN_TEXT = /[\0\p{Cs}]/u;
function referenceTextProblem(text: string, what: string): string | undefined {
  return FORBIDDEN_TEXT.test(text) ? `${what} contains a NUL character or a lone surrogate` : undefined;
}
function referenceJsonProblem(value: unknown, path: string, depth = 0): string | undefined {
  switch (typeof value) {
    case "string":
      return referenceTextProblem(value, path);
    case "boolean":
      return undefined;
    case "number":
      return Number.isFinite(value) ? undefined : `${path} is ${String(value)}, not a finite number`;
    case "object": {
      if (value === null) return undefined;
      if (depth >= MAX_JSON_DEPTH) return `${path} is nested deeper than ${MAX_JSON_DEPTH} levels`;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          if (!(index in value)) return `${path}[${index}] is a hole in a sparse array`;
          const problem = referenceJsonProblem(value[index], `${path}[${index}]`, depth + 1);
          if (problem !== undefined) return problem;
        }
        return undefined;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return `${path} is not a plain object`;
      for (const [key, child] of Object.entries(value)) {
        const keyProblem = referenceTextProblem(key, `a key of ${path}`);
        if (keyProblem !== undefined) return keyProblem;
        const problem = referenceJsonProblem(child, `${path}.${key}`, depth + 1);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    default:
      return `${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}, not JSON`;
  }
}

// UTF-16 code units biased towards the interesting ones: NUL, both surrogate halves at their edges, a valid pair.
const codeUnit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd7ff, 0xe000, 0xfffd, 0x1) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
);
const utf16 = fc.array(codeUnit, { maxLength: 24 }).map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(utf16, fc.string({ unit: "binary" }), fc.string());

class NotPlain {
  readonly field = 1;
}
function sparse(length: number): unknown[] {
  const array: unknown[] = [];
  array.length = length;
  return array;
}
function nested(levels: number): unknown {
  let value: unknown = "leaf";
  for (let index = 0; index < levels; index += 1) value = index % 2 === 0 ? [value] : { k: value };
  return value;
}

const leaf = fc.oneof(
  anyText,
  fc.boolean(),
  fc.double(),
  fc.constant(null),
  fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10n, Symbol("s"), () => 1),
  fc.constantFrom(new Date(0), new NotPlain(), new Map(), Object.create(null) as object),
  fc.nat({ max: 3 }).map(sparse),
);
const { value: jsonish } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(anyText, tie("value"), { maxKeys: 4 }),
  ),
}));

describe("json value guard: the fast path agrees with the describing walk", () => {
  it("isCleanText is the regex [\\0\\p{Cs}] (u) negated", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(isCleanText(text)).toBe(!FORBIDDEN_TEXT.test(text));
        expect(textProblem(text, "field")).toBe(referenceTextProblem(text, "field"));
      }),
      { numRuns: 2000 },
    );
  });

  it("jsonProblem gives the reference answer for any value, valid or not", () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        expect(jsonProblem(value, "data")).toBe(referenceJsonProblem(value, "data"));
      }),
      { numRuns: 1500 },
    );
  });

  it("valid JSON values pass, and one bad leaf anywhere is named", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom("\0", "\ud800", "x\udfffy"), (value, bad) => {
        expect(jsonProblem(value, "data")).toBe(referenceJsonProblem(value, "data"));
        const wrapped = { ok: value, list: [1, { bad }] };
        expect(jsonProblem(wrapped, "data")).toBe("data.list[1].bad contains a NUL character or a lone surrogate");
      }),
      { numRuns: 300 },
    );
  });

  it("depth: exactly the reference's limit, both sides of it", () => {
    for (const levels of [MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]) {
      expect(jsonProblem(nested(levels), "data")).toBe(referenceJsonProblem(nested(levels), "data"));
    }
    expect(jsonProblem(nested(MAX_JSON_DEPTH), "data")).toBeUndefined();
    expect(jsonProblem(nested(MAX_JSON_DEPTH + 1), "data")).toMatch(/nested deeper than 256 levels$/);
  });

  it("keys with forbidden characters are refused, as before", () => {
    expect(jsonProblem({ "a\0b": 1 }, "metadata")).toBe("a key of metadata contains a NUL character or a lone surrogate");
    expect(jsonProblem({ ok: { "\udc00": 1 } }, "data")).toBe("a key of data.ok contains a NUL character or a lone surrogate");
  });
});
