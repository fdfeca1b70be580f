import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import type { JsonValue } from "@cloud-ledger/domain";
import { frozenJsonCopy } from "../../src/memory/frozen-json-copy.js";

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

const jsonRoundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("frozenJsonCopy (the memory store's copy of appended data)", () => {
  test.prop([fc.jsonValue()], { numRuns: 500 })("equals a JSON round trip, key order included, and is deeply frozen", (value) => {
    const copy = frozenJsonCopy(value as JsonValue);
    expect(copy).toStrictEqual(jsonRoundTrip(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    expect(isDeepFrozen(copy)).toBe(true);
  });

  it("turns -0 into 0, as every real store does", () => {
    const copy = frozenJsonCopy({ n: -0, list: [-0] });
    expect(Object.is(copy.n, 0)).toBe(true);
    expect(Object.is(copy.list[0], 0)).toBe(true);
  });

  it("keeps a '__proto__' key as an own property instead of setting the prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as JsonValue;
    const copy = frozenJsonCopy(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(copy.polluted).toBeUndefined();
    expect(copy).toStrictEqual(jsonRoundTrip(input));
  });

  it("gives a null-prototype object an ordinary prototype, like JSON.parse", () => {
    const input = Object.assign(Object.create(null) as Record<string, JsonValue>, { a: 1 });
    const copy = frozenJsonCopy(input);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toStrictEqual({ a: 1 });
  });

  it("is private: later changes to the input do not reach the copy", () => {
    const input = { nested: { list: [1, { deep: "x" }] } };
    const copy = frozenJsonCopy(input);
    input.nested.list.push(2);
    (input.nested.list[1] as { deep: string }).deep = "changed";
    expect(copy).toStrictEqual({ nested: { list: [1, { deep: "x" }] } });
    expect(copy.nested).not.toBe(input.nested);
  });
});
