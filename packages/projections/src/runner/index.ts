export type { Projection, AnyProjection, EventDecoder } from "./projection.js";
export { ProjectionDecodeError, ProjectionApplyError, ProjectionConfigError, CatchUpTimeoutError, AsOfError } from "./errors.js";
export type { AsOf } from "./as-of.js";
export { parseInstant } from "./as-of.js";
export { foldPage, type Slot } from "./fold.js";
export { replay, stateAsOf, DEFAULT_PAGE_SIZE, type ReplayOptions, type ReplayResult } from "./replay.js";
export type { LoadOutcome } from "./checkpoint-envelope.js";
export type { PollingOptions } from "./polling.js";
export {
  createProjectionRunner,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
  type CatchUpReport,
  type ProjectionStatus,
  type WaitOptions,
} from "./runner.js";
export { withInlineProjections } from "./inline.js";
