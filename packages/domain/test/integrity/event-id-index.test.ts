import { describe, expect, it } from "vitest";
import { createEventIdIndex } from "../../src/integrity/event-id-index.js";

const ulid = (n: number): string =>
  `01J${n
    .toString(32)
    .toUpperCase()
    .replace(/[ILOU]/g, "X")
    .padStart(23, "0")}`;

describe("createEventIdIndex", () => {
  it("returns where an id was first seen, for ULIDs and any other id, and keeps the first place", () => {
    const index = createEventIdIndex(4);
    expect(index.add("01J0000000000000000000000A", 1)).toBeUndefined();
    expect(index.add("evt-1", 2)).toBeUndefined();
    expect(index.add("01J0000000000000000000000A", 7)).toBe(1);
    expect(index.add("01J0000000000000000000000A", 9)).toBe(1);
    expect(index.add("evt-1", 8)).toBe(2);
    // Case matters: a lower-case id is another id (kept as a string).
    expect(index.add("01j0000000000000000000000a", 10)).toBeUndefined();
    expect(index.size).toBe(3);
  });

  it("tells apart ULIDs that differ in any one digit, across growth", () => {
    const index = createEventIdIndex(2);
    const ids = Array.from({ length: 5000 }, (_, i) => ulid(i * 7919));
    ids.forEach((id, i) => expect(index.add(id, i + 1)).toBeUndefined());
    ids.forEach((id, i) => expect(index.add(id, 99_999)).toBe(i + 1));
    const base = "7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
    for (let digit = 0; digit < 26; digit += 1) {
      const changed = `${base.slice(0, digit)}${digit === 0 ? "6" : "Y"}${base.slice(digit + 1)}`;
      expect(index.add(changed, 100_000 + digit)).toBeUndefined();
    }
    expect(index.add(base, 1)).toBeUndefined();
    expect(index.size).toBe(5000 + 27);
  });
});
