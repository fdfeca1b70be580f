import { describe, expect, it } from "vitest";
import {
  isSystemRecord,
  planStreamRead,
  readAllStart,
  toExpectedRevision,
  versionOfCurrentRevision,
  versionOfRevision,
} from "@cloud-ledger/adapters/eventstoredb";

describe("eventstoredb translation: versions", () => {
  it("maps the port's expected versions to EventStoreDB revisions (first event: version 1 = revision 0)", () => {
    expect(toExpectedRevision("any")).toBe("any");
    expect(toExpectedRevision("no_stream")).toBe("no_stream");
    expect(toExpectedRevision("stream_exists")).toBe("stream_exists");
    expect(toExpectedRevision(0)).toBe("no_stream");
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(42)).toBe(41n);
  });

  it("maps revisions and the server's current revision back to versions", () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(9n)).toBe(10);
    expect(versionOfCurrentRevision("no_stream")).toBe(0);
    expect(versionOfCurrentRevision(4n)).toBe(5);
    expect(versionOfCurrentRevision(undefined)).toBeUndefined();
  });
});

describe("eventstoredb translation: stream read bounds", () => {
  it("reads a whole stream forwards from the start with no cap", () => {
    expect(planStreamRead()).toEqual({ direction: "forwards", fromRevision: "start", low: 1, high: Number.MAX_SAFE_INTEGER, empty: false });
  });

  it("turns inclusive version bounds into a start revision and a count", () => {
    expect(planStreamRead({ fromVersion: 3, toVersion: 7 })).toMatchObject({ fromRevision: 2n, maxCount: 5, low: 3, high: 7 });
    expect(planStreamRead({ fromVersion: 3, toVersion: 7, limit: 2 })).toMatchObject({ fromRevision: 2n, maxCount: 2 });
    expect(planStreamRead({ fromVersion: 0 })).toMatchObject({ fromRevision: "start", low: 1 });
  });

  it("reads backwards from the end, or from fromVersion down to toVersion", () => {
    expect(planStreamRead({ direction: "backwards" })).toMatchObject({ direction: "backwards", fromRevision: "end", low: 1 });
    expect(planStreamRead({ direction: "backwards", limit: 3 })).toMatchObject({ fromRevision: "end", maxCount: 3 });
    expect(planStreamRead({ direction: "backwards", fromVersion: 8, toVersion: 5 })).toMatchObject({
      fromRevision: 7n,
      maxCount: 4,
      low: 5,
      high: 8,
      empty: false,
    });
  });

  it("recognises bounds that select nothing without asking the server", () => {
    expect(planStreamRead({ limit: 0 }).empty).toBe(true);
    expect(planStreamRead({ fromVersion: 5, toVersion: 4 }).empty).toBe(true);
    expect(planStreamRead({ toVersion: 0 }).empty).toBe(true);
    expect(planStreamRead({ direction: "backwards", fromVersion: 0 }).empty).toBe(true);
    expect(planStreamRead({ direction: "backwards", fromVersion: 2, toVersion: 3 }).empty).toBe(true);
  });
});

describe("eventstoredb translation: $all", () => {
  it("treats $-typed events and $-streams as the server's own", () => {
    expect(isSystemRecord("orders-1", "$metadata")).toBe(true);
    expect(isSystemRecord("$stats-127.0.0.1:2113", "$statsCollected")).toBe(true);
    expect(isSystemRecord("$$orders-1", "$metadata")).toBe(true);
    expect(isSystemRecord("orders-1", "$>")).toBe(true);
    expect(isSystemRecord("orders-1", "OrderPlaced")).toBe(false);
    expect(isSystemRecord("orders-$1", "Order$Placed")).toBe(false);
  });

  it("starts $all reads at the beginning or at the position last seen", () => {
    expect(readAllStart(0)).toBe("start");
    expect(readAllStart(123_456)).toEqual({ commit: 123_456n, prepare: 123_456n });
  });
});
