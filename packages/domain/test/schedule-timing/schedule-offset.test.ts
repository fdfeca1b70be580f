import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { MAX_SCHEDULE_OFFSET_MINUTES, scheduleOffsetMinutes } from "@cloud-ledger/domain";

describe("the per-(deployment, schedule) offset", () => {
  test.prop([fc.string(), fc.string()])("is a whole number of minutes in [−7, +7], the same every time", (deployment, schedule) => {
    const offset = scheduleOffsetMinutes(deployment, schedule);
    expect(Number.isInteger(offset)).toBe(true);
    expect(Math.abs(offset)).toBeLessThanOrEqual(MAX_SCHEDULE_OFFSET_MINUTES);
    expect(scheduleOffsetMinutes(deployment, schedule)).toBe(offset);
  });

  it("is pinned for a known pair, so a change of hash shows up in review", () => {
    expect([scheduleOffsetMinutes("p/prod", "a"), scheduleOffsetMinutes("p/prod", "b")]).toEqual([2, 5]);
  });

  it("spreads pairs over all 15 values and tells the halves of a pair apart", () => {
    const offsets = new Set(Array.from({ length: 300 }, (_, index) => scheduleOffsetMinutes("org/project/prod", `schedule-${index}`)));
    expect(offsets.size).toBe(15);
    const differs = Array.from({ length: 20 }, (_, index) => `s${index}`).some(
      (name) => scheduleOffsetMinutes("a/b", name) !== scheduleOffsetMinutes("a", `b/${name}`),
    );
    expect(differs).toBe(true);
  });
});
