import { describe, it } from "vitest";
import { describeEventStoreConformance } from "@cloud-ledger/adapters/conformance";
import { createEventStoreDbEventStore } from "@cloud-ledger/adapters/eventstoredb";

// No EventStoreDB server can run on the project's machines (no Docker, nothing in apt or npm ships it), so the suite
// runs only against a configured server, e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false.
const url = process.env["EVENTSTORE_URL"];

if (url !== undefined && url !== "") {
  describeEventStoreConformance("eventstoredb", {
    create: () => Promise.resolve(createEventStoreDbEventStore({ connectionString: url })),
    connectAgain: () => Promise.resolve(createEventStoreDbEventStore({ connectionString: url })),
  });
} else {
  // Also on stderr, so the reason shows in the default reporter, which prints skipped files without test names.
  console.warn("EventStoreDB conformance skipped: set EVENTSTORE_URL to run against a real server");
  describe("eventstoredb event store conformance", () => {
    it.skip("EventStoreDB conformance skipped: set EVENTSTORE_URL to run against a real server", () => undefined);
  });
}
