import { describeEventStoreConformance } from "@cloud-ledger/adapters/conformance";
import { createEventStoreDbEventStore } from "@cloud-ledger/adapters/eventstoredb";
import { SimulatedEsdb } from "./simulated-esdb.js";

// The whole suite through the real adapter code against an in-process stand-in for the server (see simulated-esdb.ts
// for what it reproduces and its one leniency). It does not replace a run against a real server (EVENTSTORE_URL).
const server = new SimulatedEsdb();

describeEventStoreConformance("eventstoredb (simulated server)", {
  create: () => Promise.resolve(createEventStoreDbEventStore({ client: server.client() })),
  connectAgain: () => Promise.resolve(createEventStoreDbEventStore({ client: server.client() })),
  corruptRow: (_store, streamName, version) => Promise.resolve(server.corrupt(streamName, version)),
});
