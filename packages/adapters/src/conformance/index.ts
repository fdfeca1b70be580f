export { describeEventStoreConformance } from "./describe-conformance.js";
export type { ConformanceHarness } from "./harness.js";
export { sampleEvents, uniqueName } from "./sample-events.js";
export type { SampleOptions } from "./sample-events.js";
