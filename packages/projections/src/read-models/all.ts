import type { DomainEvent, EventStore } from "@cloud-ledger/domain";
import type { AsOf } from "../runner/as-of.js";
import type { AnyProjection, EventDecoder } from "../runner/projection.js";
import { replay, type ReplayOptions, type ReplayResult } from "../runner/replay.js";
import { createProjectionRunner, type ProjectionRunner, type ProjectionRunnerOptions } from "../runner/runner.js";
import { auditTrail, type AuditTrailState } from "./audit-trail/projection.js";
import { deploymentBoard, type DeploymentBoardState } from "./deployment-board/projection.js";
import { executionHistory, type ExecutionHistoryState } from "./execution-history/projection.js";
import { internalIdIndex, type InternalIdIndexState } from "./internal-id-index/projection.js";
import { organizationDirectory } from "./organization-directory/projection.js";
import type { OrganizationDirectoryState } from "./organization-directory/state.js";
import { projectCatalog, type ProjectCatalogState } from "./project-catalog/projection.js";
import { scheduleMatrix, type ScheduleMatrixState } from "./schedule-matrix/projection.js";
import { stateBookmarks, type StateBookmarksState } from "./state-bookmarks/projection.js";
import { creditsBalance, type CreditsBalanceState } from "./credits-balance/projection.js";
import { validatingDomainEventDecoder } from "./validating-decoder.js";

/** Every read model of the package, in a fixed order. */
export const allReadModels: readonly AnyProjection<DomainEvent>[] = [
  organizationDirectory,
  projectCatalog,
  deploymentBoard,
  scheduleMatrix,
  executionHistory,
  auditTrail,
  internalIdIndex,
  stateBookmarks,
  creditsBalance,
] as readonly AnyProjection<DomainEvent>[];

/** The state of every read model, typed, for the query functions. */
export interface ReadModelStates {
  readonly organizationDirectory: OrganizationDirectoryState;
  readonly projectCatalog: ProjectCatalogState;
  readonly deploymentBoard: DeploymentBoardState;
  readonly scheduleMatrix: ScheduleMatrixState;
  readonly executionHistory: ExecutionHistoryState;
  readonly auditTrail: AuditTrailState;
  readonly internalIdIndex: InternalIdIndexState;
  readonly stateBookmarks: StateBookmarksState;
  readonly creditsBalance: CreditsBalanceState;
}

/** Picks the typed states out of a map by projection name (a replay result's `states`). */
export function readModelStatesFrom(states: ReadonlyMap<string, unknown>): ReadModelStates {
  const get = <S>(name: string): S => {
    if (!states.has(name)) throw new TypeError(`No state for read model '${name}'`);
    return states.get(name) as S;
  };
  return {
    organizationDirectory: get(organizationDirectory.name),
    projectCatalog: get(projectCatalog.name),
    deploymentBoard: get(deploymentBoard.name),
    scheduleMatrix: get(scheduleMatrix.name),
    executionHistory: get(executionHistory.name),
    auditTrail: get(auditTrail.name),
    internalIdIndex: get(internalIdIndex.name),
    stateBookmarks: get(stateBookmarks.name),
    creditsBalance: get(creditsBalance.name),
  };
}

/** The live states of a runner that was created with `allReadModels`. */
export function readModelStatesOf(runner: ProjectionRunner<DomainEvent>): ReadModelStates {
  return {
    organizationDirectory: runner.stateOf(organizationDirectory),
    projectCatalog: runner.stateOf(projectCatalog),
    deploymentBoard: runner.stateOf(deploymentBoard),
    scheduleMatrix: runner.stateOf(scheduleMatrix),
    executionHistory: runner.stateOf(executionHistory),
    auditTrail: runner.stateOf(auditTrail),
    internalIdIndex: runner.stateOf(internalIdIndex),
    stateBookmarks: runner.stateOf(stateBookmarks),
    creditsBalance: runner.stateOf(creditsBalance),
  };
}

export interface ReplayAllOptions extends ReplayOptions {
  /**
   * Default `validatingDomainEventDecoder` (every field validated, the same results and errors as `domainEventSerde`);
   * `trustedDomainEventDecoder` for verified logs.
   */
  readonly decoder?: EventDecoder<DomainEvent>;
}

/**
 * Replays the whole log from position 0 into fresh read models (every one by default), decoding each event once
 * with the domain's full validation. What the benchmarks call.
 */
export function replayAll(
  store: EventStore,
  projections: readonly AnyProjection<DomainEvent>[] = allReadModels,
  options: ReplayAllOptions = {},
): Promise<ReplayResult> {
  return replay(store, options.decoder ?? validatingDomainEventDecoder, projections, options);
}

/** Time travel: every read model as of a global position or a point in time (the head when omitted). */
export async function readModelsAsOf(
  store: EventStore,
  asOf?: AsOf,
  options: Omit<ReplayAllOptions, "asOf"> = {},
): Promise<ReadModelStates & { readonly position: number }> {
  const result = await replayAll(store, allReadModels, asOf === undefined ? options : { ...options, asOf });
  return { ...readModelStatesFrom(result.states), position: result.position };
}

export type ReadModelRunnerOptions = Omit<ProjectionRunnerOptions<DomainEvent>, "decoder" | "projections"> & {
  /** Default `validatingDomainEventDecoder` (the domain serde's validation, faster). */
  readonly decoder?: EventDecoder<DomainEvent>;
  /** Extra projections of your own, run alongside every read model of this package. */
  readonly extraProjections?: readonly AnyProjection<DomainEvent>[];
};

/** A runner over every read model (plus any extra projections), decoding with the domain's serde. */
export function createReadModelRunner(options: ReadModelRunnerOptions): Promise<ProjectionRunner<DomainEvent>> {
  const { decoder, extraProjections, ...rest } = options;
  return createProjectionRunner({
    ...rest,
    decoder: decoder ?? validatingDomainEventDecoder,
    projections: [...allReadModels, ...(extraProjections ?? [])],
  });
}
