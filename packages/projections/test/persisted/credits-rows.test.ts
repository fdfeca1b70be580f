import { describe, expect, it } from "vitest";
import type { DomainEvent } from "@cloud-ledger/domain";
import { catchUpReadModels, createMemoryRowStore, readModelsAsOf, rowsReader, statesReader } from "../../src/index.js";
import { appendLog, LogScript } from "../support/domain-log.js";
import { createTestEventStore } from "../support/memory-store.js";

const ORG = "01H000000000000000000ACME0";
const consumed = (n: number, runClass: "frequent" | "infrequent", credits: string): DomainEvent => ({
  type: "CreditsConsumed",
  data: {
    organization: ORG,
    projectKey: "a".repeat(32),
    executionId: `${n}`.padStart(32, "e"),
    deployment: "prod",
    schedule: "daily",
    trigger: "scheduled",
    runClass,
    startedAt: "2023-05-30T12:00:00.000Z",
    endedAt: "2023-05-30T12:12:00.000Z",
    credits,
    ...(runClass === "frequent" ? { interval: "*/5 * * * *" } : {}),
  },
});

describe("org credits from persisted rows (one row per organization)", () => {
  it("shows unmetered until the first purchase, then the balance, use, runs by class and the latest charges", async () => {
    const store = createTestEventStore();
    const rows = createMemoryRowStore();
    const read = async () => {
      await catchUpReadModels(store, rows);
      const states = await readModelsAsOf(store);
      const persisted = await rowsReader(rows, states.position).credits(ORG);
      expect(persisted).toEqual(await statesReader(states, states.position).credits(ORG));
      return persisted;
    };
    expect(await read()).toEqual({ status: "unmetered" });

    const script = new LogScript()
      .add({ type: "CreditsPurchased", data: { organization: ORG, credits: "2" } })
      .add(consumed(1, "infrequent", "1.2"))
      .add(consumed(2, "frequent", "0.5"))
      .add({ type: "CreditsPurchased", data: { organization: ORG, credits: "0.25" } });
    await appendLog(store, script.entries);
    const summary = await read();
    expect(summary).toMatchObject({
      status: "metered",
      balance: 550, // millicredits: 2 - 1.2 - 0.5 + 0.25
      purchased: 2250,
      consumed: 1700,
      runs: { frequent: 1, infrequent: 1 },
    });
    expect(summary.status === "metered" && summary.recent.map((r) => r.executionId)).toEqual([
      "2".padStart(32, "e"),
      "1".padStart(32, "e"),
    ]);
    expect(await rowsReader(rows, 0).credits("01H000000000000000000OTHER")).toEqual({ status: "unmetered" });
  });
});
