import { describe, expect, it } from "vitest";
import { decodeTime, isValid } from "ulid";
import { createIdGenerator, createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createFixedClock } from "@cloud-ledger/adapters/clock";

const EXECUTION_ID = /^[0-9a-f]{32}$/;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe("createIdGenerator", () => {
  it("mints valid, strictly increasing ULIDs even within one millisecond", () => {
    const ids = createIdGenerator();
    const minted = Array.from({ length: 1000 }, () => ids.ulid());
    for (const id of minted) {
      expect(id).toMatch(ULID);
      expect(isValid(id)).toBe(true);
    }
    const sorted = [...minted].sort();
    expect(sorted).toEqual(minted);
    expect(new Set(minted).size).toBe(minted.length);
  });

  it("mints 32 lowercase hex execution ids that do not repeat", () => {
    const ids = createIdGenerator();
    const minted = Array.from({ length: 1000 }, () => ids.executionId());
    for (const id of minted) expect(id).toMatch(EXECUTION_ID);
    expect(new Set(minted).size).toBe(minted.length);
  });
});

describe("createSeededIdGenerator", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const take = (seed: number): string[] => {
      const ids = createSeededIdGenerator(seed);
      return [ids.ulid(), ids.executionId(), ids.ulid(), ids.executionId()];
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    const [first, execution] = take(7);
    expect(first).toMatch(ULID);
    expect(execution).toMatch(EXECUTION_ID);
  });

  it("stamps ULIDs with the clock's time", () => {
    const clock = createFixedClock("2024-05-06T07:08:09.000Z");
    const ids = createSeededIdGenerator(1, clock);
    expect(decodeTime(ids.ulid())).toBe(Date.parse("2024-05-06T07:08:09.000Z"));
    clock.advance(60_000);
    expect(decodeTime(ids.ulid())).toBe(Date.parse("2024-05-06T07:09:09.000Z"));
  });
});
