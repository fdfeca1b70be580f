import { describe, expect, it } from "vitest";
import { outboxFromPages, type OutboxRowsPage } from "@cloud-ledger/adapters/notification-dispatcher";
import { jobFor } from "./dispatcher-fixture.js";

describe("outboxFromPages", () => {
  it("resumes after the last row even when the reader gave no next cursor (the end of the outbox)", async () => {
    const rows = [1, 2, 3].map((n) => ({ position: n * 10, job: jobFor(`https://example.com/${n}`, "webhook", n) }));
    const asked: (string | undefined)[] = [];
    const outbox = outboxFromPages((page): Promise<OutboxRowsPage> => {
      asked.push(page.after);
      const from = page.after === undefined ? 0 : rows.findIndex((r) => `${r.position}:${r.job.idempotencyKey}` === page.after) + 1;
      const slice = rows.slice(from, from + page.limit);
      return Promise.resolve(from + page.limit < rows.length ? { rows: slice, next: "ignored" } : { rows: slice });
    });
    const first = await outbox.pending(undefined, 2);
    expect(first.jobs).toHaveLength(2);
    const second = await outbox.pending(first.cursor, 2);
    expect(second.jobs.map((j) => j.payload.id)).toEqual(["event-3"]);
    expect(second.cursor).toBe(`30:${rows[2]?.job.idempotencyKey}`);
    expect(await outbox.pending(second.cursor, 2)).toEqual({ jobs: [] });
    expect(asked).toEqual([undefined, `20:${rows[1]?.job.idempotencyKey}`, `30:${rows[2]?.job.idempotencyKey}`]);
  });
});
