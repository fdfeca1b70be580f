/**
 * @cloud-ledger/projections — read models over the domain's event log, and the runner that keeps them current.
 *
 * Runner (./runner): `createProjectionRunner({ store, checkpoints, decoder, projections })` catches up from the
 * store's global positions, saving each projection's (position, state) together through the CheckpointStore port;
 * `withInlineProjections(store, runner)` folds appended events before `append` returns; `runner.start()/stop()` is
 * the async polling mode; `rebuild()` replays from zero; `waitUntilCaughtUp()` is for tests and start-up. A projection
 * version bump discards the stored checkpoint and rebuilds. `replay`/`stateAsOf` replay without checkpoints, up to a
 * global position or a point in time (time travel).
 *
 * Read models (./read-models): organization directory, project catalog, deployment board, schedule matrix,
 * execution history, audit trail, internal id index — each a plain reducer plus query functions that take the
 * organization (billing account number) first and never return another organization's data. `replayAll(store)`,
 * `readModelsAsOf(store, asOf)` and `readModelStatesOf(runner)` hand out all of them at once.
 */
export * from "./runner/index.js";
export * from "./read-models/index.js";
export * from "./persisted/index.js";
export * from "./scheduler/index.js";
