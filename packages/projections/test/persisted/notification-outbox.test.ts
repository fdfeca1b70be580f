import { describe, expect, it } from "vitest";
import {
  deliveryIdempotencyKey,
  nobleSha256Hex,
  type DomainEvent,
  type NotificationEvent,
  type NotificationFilter,
} from "@cloud-ledger/domain";
import { catchUpReadModels, createMemoryRowStore, notificationsOf, pendingDeliveries, STOPPED_CODE } from "../../src/index.js";
import { appendLog, LogScript } from "../support/domain-log.js";
import { ACME, ACME_PROJECT, COMMIT_1, EXEC_1, EXEC_2, EXEC_3, GLOBEX, GLOBEX_EXEC, GLOBEX_PROJECT } from "../support/acme.js";
import { createTestEventStore } from "../support/memory-store.js";

const HOOK = "https://hooks.example.com/acme";
const ORG_MAIL = "ops@example.com";
const inProject = { organization: ACME, projectKey: ACME_PROJECT };

function set(recipient: string, filters: NotificationFilter[] = [], scope: { organization: string; projectKey?: string } = inProject) {
  const notificationType = recipient.includes("@") ? ("email" as const) : ("webhook" as const);
  return { type: "NotificationSet", data: { ...scope, notificationType, recipient, filters } } satisfies NotificationEvent;
}

function requested(executionId: string, where = inProject): DomainEvent {
  return {
    type: "ExecutionRequested",
    data: { ...where, executionId, deployment: "prod", schedule: "daily", environment: "prod", commit: COMMIT_1, trigger: "scheduled" },
  };
}
const finished = (executionId: string, exitCode: number, where = inProject): DomainEvent => ({
  type: "ExecutionFinished",
  data: { ...where, executionId, exitCode },
});
const stopped = (executionId: string): DomainEvent => ({
  type: "ExecutionStopped",
  data: { ...inProject, executionId, reason: "User requested stop" },
});

async function outboxOf(script: LogScript) {
  const store = createTestEventStore();
  await appendLog(store, script.entries);
  const rows = createMemoryRowStore();
  await catchUpReadModels(store, rows);
  return { rows, jobs: (await pendingDeliveries(rows)).rows };
}

describe("the notification outbox (rules 46-48)", () => {
  it("an execution's end makes one job per active matching recipient, project and organization scopes both delivering", async () => {
    const script = new LogScript()
      .add(set(HOOK))
      .add(set(ORG_MAIL, [{ status: ["failed"] }], { organization: ACME }))
      .add(requested(EXEC_1))
      .add(finished(EXEC_1, 0))
      .add(requested(EXEC_2))
      .add(finished(EXEC_2, 3));
    const { jobs } = await outboxOf(script);
    expect(jobs.map((j) => [j.job.executionId, j.job.recipient, j.job.payload.data.status])).toEqual([
      [EXEC_1, HOOK, "succeeded"],
      ...[
        [EXEC_2, ORG_MAIL, "failed"],
        [EXEC_2, HOOK, "failed"],
      ].sort((a, b) =>
        deliveryIdempotencyKey(EXEC_2, a[1] === HOOK ? inProject : { organization: ACME }, a[1] as string) <
        deliveryIdempotencyKey(EXEC_2, b[1] === HOOK ? inProject : { organization: ACME }, b[1] as string)
          ? -1
          : 1,
      ),
    ]);
    const [first] = jobs;
    expect(first?.job).toEqual({
      idempotencyKey: deliveryIdempotencyKey(EXEC_1, inProject, HOOK),
      scope: inProject,
      type: "webhook",
      recipient: HOOK,
      executionId: EXEC_1,
      payload: {
        id: expect.any(String) as string,
        event_type: "job_run",
        idempotency_key: nobleSha256Hex(`${EXEC_1}\n${ACME}\n${ACME_PROJECT}\n${HOOK}`),
        data: {
          id: EXEC_1,
          description: "Job run of schedule 'daily' in deployment 'prod' succeeded.",
          status: "succeeded",
          cancellation_reason: null,
        },
      },
    });
    // The organization-scoped job's scope has no project key, and its key differs from a project-scoped one's.
    expect(jobs.find((j) => j.job.recipient === ORG_MAIL)?.job.scope).toEqual({ organization: ACME });
    expect(jobs.map((j) => j.position)).toEqual([...jobs.map((j) => j.position)].sort((a, b) => a - b));
  });

  it("the same recipient in both scopes is delivered twice, under two idempotency keys", async () => {
    const script = new LogScript()
      .add(set(HOOK))
      .add(set(HOOK, [], { organization: ACME }))
      .add(requested(EXEC_1))
      .add(finished(EXEC_1, 0));
    const { jobs } = await outboxOf(script);
    // One position, so the two are ordered by key: compare them as a set.
    expect(jobs.map((j) => j.job.scope)).toEqual(expect.arrayContaining([{ organization: ACME }, inProject]));
    expect(jobs).toHaveLength(2);
    expect(new Set(jobs.map((j) => j.job.idempotencyKey)).size).toBe(2);
  });

  it("a stopped execution is cancelled, with the stop's reason", async () => {
    const { jobs } = await outboxOf(new LogScript().add(set(HOOK)).add(requested(EXEC_1)).add(stopped(EXEC_1)));
    expect(jobs.map((j) => j.job.payload.data)).toEqual([
      {
        id: EXEC_1,
        description: "Job run of schedule 'daily' in deployment 'prod' was cancelled.",
        status: "cancelled",
        cancellation_reason: { code: STOPPED_CODE, reason: "User requested stop" },
      },
    ]);
  });

  it("an inactive recipient, a non-matching filter, a deleted one and another organization's produce none", async () => {
    const script = new LogScript()
      .add(set(HOOK))
      .add({ type: "NotificationUpdated", data: { ...inProject, notificationType: "webhook", recipient: HOOK, status: "inactive" } })
      .add(set("https://cancelled-only.example.com/", [{ events: ["job_run"], status: ["cancelled"] }]))
      .add(set(ORG_MAIL, [], { organization: ACME }))
      .add({ type: "NotificationDeleted", data: { organization: ACME, notificationType: "email", recipient: ORG_MAIL } })
      .add(set("https://globex.example.com/", [], { organization: GLOBEX }))
      .add(requested(EXEC_1))
      .add(finished(EXEC_1, 0))
      .add(requested(GLOBEX_EXEC, { organization: GLOBEX, projectKey: GLOBEX_PROJECT }))
      .add(finished(GLOBEX_EXEC, 0, { organization: GLOBEX, projectKey: GLOBEX_PROJECT }));
    const { jobs } = await outboxOf(script);
    expect(jobs.map((j) => [j.job.executionId, j.job.recipient])).toEqual([[GLOBEX_EXEC, "https://globex.example.com/"]]);
  });

  it("notifications as they stood when the execution ended: later changes change no job, a reactivated one delivers again", async () => {
    const script = new LogScript()
      .add(set(HOOK))
      .add(requested(EXEC_1))
      .add(finished(EXEC_1, 0))
      .add({ type: "NotificationUpdated", data: { ...inProject, notificationType: "webhook", recipient: HOOK, status: "inactive" } })
      .add(requested(EXEC_2))
      .add(finished(EXEC_2, 0))
      .add({
        type: "NotificationUpdated",
        data: {
          ...inProject,
          notificationType: "webhook",
          recipient: HOOK,
          newRecipient: "https://renamed.example.com/",
          status: "active",
        },
      })
      .add(requested(EXEC_3))
      .add(finished(EXEC_3, 1));
    const { rows, jobs } = await outboxOf(script);
    expect(jobs.map((j) => [j.job.executionId, j.job.recipient])).toEqual([
      [EXEC_1, HOOK],
      [EXEC_3, "https://renamed.example.com/"],
    ]);
    expect((await notificationsOf(rows, inProject)).rows).toEqual([
      { recipient: "https://renamed.example.com/", type: "webhook", status: "active", filters: [] },
    ]);
  });

  it("pages in position order; the cursor resumes after the last job read and a bad cursor is refused", async () => {
    const script = new LogScript().add(set(HOOK)).add(set("https://b.example.com/")).add(set("https://c.example.com/"));
    for (const id of [EXEC_1, EXEC_2]) script.add(requested(id)).add(finished(id, 0));
    const { rows, jobs } = await outboxOf(script);
    expect(jobs).toHaveLength(6);
    const first = await pendingDeliveries(rows, { limit: 4 });
    expect(first.rows).toEqual(jobs.slice(0, 4));
    const second = await pendingDeliveries(rows, { limit: 4, ...(first.next === undefined ? {} : { after: first.next }) });
    expect(second).toEqual({ rows: jobs.slice(4) });
    await expect(pendingDeliveries(rows, { limit: 251 })).rejects.toThrow(/'limit' must be an integer from 1 to 250/);
    await expect(pendingDeliveries(rows, { limit: 2, after: "nope" })).rejects.toThrow(/'after' must be a cursor/);
  });

  it("an execution that never ran through the log's request (unknown to the history) produces no job", async () => {
    const { jobs } = await outboxOf(new LogScript().add(set(HOOK)).add(finished(EXEC_1, 0)));
    expect(jobs).toEqual([]);
  });
});
