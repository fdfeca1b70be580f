import { describe, expect, it } from "vitest";
import { dueTicks, nextScheduledTicks, scheduleOffsetMinutes } from "@cloud-ledger/domain";

const deploymentKey = "01GWQ7520WNMQT0PQ6KHCC4EE1/prod";
const offset = (name: string) => scheduleOffsetMinutes(deploymentKey, name);
const shift = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

describe("dueTicks", () => {
  it("gives each enabled schedule's cron ticks in [from, to), shifted by the pair's offset, with stable ids", () => {
    const ticks = dueTicks({
      schedules: [{ deploymentKey, scheduleName: "daily", interval: "0 6 * * *", enabled: true }],
      from: "2026-11-30T00:00:00Z",
      to: "2026-12-02T00:00:00Z",
    });
    const at = [shift("2026-11-30T06:00:00.000Z", offset("daily")), shift("2026-12-01T06:00:00.000Z", offset("daily"))];
    expect(ticks).toEqual(at.map((iso) => ({ tickId: `${deploymentKey}/daily/${iso}`, deploymentKey, scheduleName: "daily", at: iso })));
  });

  it("gives nothing for disabled or manual-only schedules", () => {
    expect(
      dueTicks({
        schedules: [
          { deploymentKey, scheduleName: "off", interval: "* * * * *", enabled: false },
          { deploymentKey, scheduleName: "manual", interval: "@once", enabled: true },
        ],
        from: "2026-11-30T00:00:00Z",
        to: "2026-12-30T00:00:00Z",
      }),
    ).toEqual([]);
  });

  it("caps an every-minute cron at one tick per 15 minutes", () => {
    const ticks = dueTicks({
      schedules: [{ deploymentKey, scheduleName: "busy", interval: "* * * * *", enabled: true }],
      from: "2026-11-30T00:00:00Z",
      to: "2026-11-30T01:00:00Z",
    });
    expect(ticks).toHaveLength(4);
    const minutes = ticks.map((tick) => new Date(tick.at).getUTCMinutes());
    const o = (offset("busy") + 60) % 60;
    expect(minutes).toEqual([o, o + 15, o + 30, o + 45].map((m) => m % 60).sort((a, b) => a - b));
  });

  it("keeps a */10 cron's ticks at least 15 minutes apart whatever window the scan starts in", () => {
    const schedule = { deploymentKey, scheduleName: "ten", interval: "*/10 * * * *", enabled: true };
    const day = dueTicks({ schedules: [schedule], from: "2026-11-30T00:00:00Z", to: "2026-12-01T00:00:00Z" });
    const pieces = ["00:00", "00:07", "05:13", "13:59", "24:00"].map((time, index, all) => ({ time, next: all[index + 1] }));
    const stitched = pieces.flatMap(({ time, next }) =>
      next === undefined ? [] : dueTicks({ schedules: [schedule], from: at(time), to: at(next) }),
    );
    expect(stitched).toEqual(day);
    const times = day.map((tick) => new Date(tick.at).getTime());
    for (let index = 1; index < times.length; index += 1)
      expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it("sorts ticks of several schedules by time, then deployment, then schedule", () => {
    const ticks = dueTicks({
      schedules: [
        { deploymentKey: "b", scheduleName: "x", interval: "@hourly", enabled: true },
        { deploymentKey: "a", scheduleName: "y", interval: "@hourly", enabled: true },
      ],
      from: "2026-11-30T00:00:00Z",
      to: "2026-11-30T03:00:00Z",
    });
    const sorted = [...ticks].sort((p, q) => p.at.localeCompare(q.at) || p.deploymentKey.localeCompare(q.deploymentKey));
    expect(ticks).toEqual(sorted);
    expect(ticks).toHaveLength(6);
  });

  it("lists a deployment's next scheduled ticks with offset and cap", () => {
    const next = nextScheduledTicks({ deploymentKey, scheduleName: "daily", interval: "@daily" }, "2026-11-30T12:00:00Z", 2);
    expect(next).toEqual([shift("2026-12-01T00:00:00.000Z", offset("daily")), shift("2026-12-02T00:00:00.000Z", offset("daily"))]);
    expect(nextScheduledTicks({ deploymentKey, scheduleName: "m", interval: "@manual" }, "2026-11-30T12:00:00Z", 2)).toEqual([]);
  });
});

function at(time: string): string {
  return time === "24:00" ? "2026-12-01T00:00:00Z" : `2026-11-30T${time}:00Z`;
}
