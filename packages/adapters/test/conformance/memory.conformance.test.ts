import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { describeEventStoreConformance } from "@cloud-ledger/adapters/conformance";

describeEventStoreConformance("memory", {
  create: () => Promise.resolve(createMemoryEventStore()),
  readStreams: true,
  appendStreams: true,
});
