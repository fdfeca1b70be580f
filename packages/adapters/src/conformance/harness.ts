import type { EventStore } from "@cloud-ledger/domain";

/** What an adapter's test file hands to `describeEventStoreConformance`. */
export interface ConformanceHarness {
  /** A store to test; each test gets its own (it may share storage with earlier ones: tests use unique stream names). */
  create(): Promise<EventStore>;
  /** A second, independent connection to the same storage, for real interleaving of readers and writers. */
  connectAgain?(store: EventStore): Promise<EventStore>;
  /** Overwrite the stored row of (streamName, version) with bytes that cannot be decoded. */
  corruptRow?(store: EventStore, streamName: string, version: number): Promise<void>;
  /** The store offers the optional `readStreams` (checked both ways: offered when declared, absent when not). */
  readonly readStreams?: boolean;
  /** The store offers the optional `appendStreams` (checked both ways, like readStreams). */
  readonly appendStreams?: boolean;
  /** Called once after the whole suite. */
  cleanup?(): Promise<void>;
}

/** Handed to each group of cases: the current test's store and a way to open extra connections (closed after the test). */
export interface ConformanceContext {
  readonly adapterName: string;
  readonly harness: ConformanceHarness;
  store(): EventStore;
  /** A second connection when the harness supports it, else the same store. */
  connection(): Promise<EventStore>;
}
