export * from "./decider-spec.js";
export * from "./memory-git.js";
export * from "./arbitraries-primitives.js";
export * from "./arbitraries-commands.js";
export * from "./arbitraries-events.js";
export * from "./arbitraries-invalid.js";
export * from "./arbitraries-histories.js";
export * from "./arbitraries-ports.js";
export * from "./arbitraries-scenario-universe.js";
export * from "./arbitraries-scenario-steps.js";
export * from "./arbitraries-scenario-resolve.js";
export * from "./arbitraries-scenario-run.js";
// Model-based testing: a reference model of the rules, the invariant checker and an in-memory store, so an embedder can
// run the same model-based tests against its own service.
export { createArrayEventStore, InjectedFault, type ArrayEventStore, type ArrayEventStoreOptions } from "./model/array-event-store.js";
export { emptyFacts, factsOf, withoutInternalIds, type Facts } from "./model/facts.js";
export { applyCheckingInvariants } from "./model/invariants.js";
export { ReferenceModel } from "./model/reference-model.js";
export { replayStreamStates } from "./model/replay.js";
