import { afterAll, afterEach, beforeEach, describe } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import type { ConformanceContext, ConformanceHarness } from "./harness.js";
import { registerAppendCases } from "./append-cases.js";
import { registerReadCases } from "./read-cases.js";
import { registerGlobalOrderCases } from "./global-order-cases.js";
import { registerConcurrencyCases } from "./concurrency-cases.js";
import { registerPayloadCases } from "./payload-cases.js";
import { registerRecoveryCases } from "./recovery-cases.js";
import { registerMultiStreamReadCases } from "./multi-stream-read-cases.js";
import { registerMultiStreamAppendCases } from "./multi-stream-append-cases.js";
import { registerGroupCommitCases } from "./group-commit-cases.js";

/**
 * Registers the whole event-store conformance suite (event-store-notes §5) for one adapter. Every test name starts
 * with the adapter's name, so a failure says which store broke which rule.
 */
export function describeEventStoreConformance(adapterName: string, harness: ConformanceHarness): void {
  describe(`${adapterName} event store conformance`, () => {
    let current: EventStore | undefined;
    let extra: EventStore[] = [];

    beforeEach(async () => {
      current = await harness.create();
    });
    afterEach(async () => {
      for (const connection of extra) await connection.close();
      extra = [];
      await current?.close();
      current = undefined;
    });
    if (harness.cleanup !== undefined) {
      const cleanup = harness.cleanup.bind(harness);
      afterAll(async () => {
        await cleanup();
      });
    }

    const context: ConformanceContext = {
      adapterName,
      harness,
      store() {
        if (current === undefined) throw new Error("conformance: no store (create() has not run)");
        return current;
      },
      async connection() {
        const store = context.store();
        if (harness.connectAgain === undefined) return store;
        const connection = await harness.connectAgain(store);
        extra.push(connection);
        return connection;
      },
    };

    registerAppendCases(context);
    registerReadCases(context);
    registerGlobalOrderCases(context);
    registerConcurrencyCases(context);
    registerPayloadCases(context);
    registerRecoveryCases(context);
    registerMultiStreamReadCases(context);
    registerMultiStreamAppendCases(context);
    registerGroupCommitCases(context);
  });
}
