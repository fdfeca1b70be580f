import type { EventStore, ExecutionState, ExecutionWork } from "@cloud-ledger/domain";
import { executionDecider, executionEventSerde, parseStreamName } from "@cloud-ledger/domain";

export interface TrackedExecution {
  readonly state: ExecutionState;
  readonly work?: ExecutionWork;
  /** When the ledger recorded the start: the last sign of life of a runner that never sent a heartbeat. */
  readonly startedAt?: string;
  readonly requestedPosition: number;
}

/**
 * Every execution's state, folded from the ledger's global order and caught up from the last position seen, so a
 * runner polls cheaply. Events of other streams are skipped; an execution event that does not decode is an error
 * (a corrupt ledger must not be run from).
 */
export function createExecutionTracker(store: EventStore) {
  const executions = new Map<string, TrackedExecution>();
  let position = 0;
  return {
    async catchUp(): Promise<void> {
      for (;;) {
        const batch = await store.readAll({ after: position, limit: 1000 });
        for (const recorded of batch) {
          position = recorded.globalPosition;
          if (parseStreamName(recorded.streamName)?.kind !== "execution") continue;
          const decoded = executionEventSerde.decode(recorded);
          if (decoded._tag === "Left") throw new Error(`stream '${recorded.streamName}' version ${recorded.version}: ${decoded.left}`);
          const event = decoded.right;
          const id = event.data.executionId;
          const before = executions.get(id);
          const state = executionDecider.evolve(before?.state ?? executionDecider.initialState(), event);
          const work: ExecutionWork | undefined =
            event.type === "ExecutionRequested"
              ? {
                  executionId: id,
                  deployment: event.data.deployment,
                  environment: event.data.environment,
                  schedule: event.data.schedule,
                  commit: event.data.commit,
                }
              : before?.work;
          const startedAt = event.type === "ExecutionStarted" ? recorded.metadata.occurredAt : before?.startedAt;
          executions.set(id, {
            state,
            requestedPosition: before?.requestedPosition ?? recorded.globalPosition,
            ...(work === undefined ? {} : { work }),
            ...(startedAt === undefined ? {} : { startedAt }),
          });
        }
        if (batch.length < 1000) return;
      }
    },
    get(executionId: string): TrackedExecution | undefined {
      return executions.get(executionId);
    },
    /** Requested executions, oldest request first. */
    requested(): readonly TrackedExecution[] {
      return [...executions.values()]
        .filter((e) => e.state.status === "requested")
        .sort((a, b) => a.requestedPosition - b.requestedPosition);
    },
    /** Running or stopping executions a runner claimed. */
    claimed(): readonly TrackedExecution[] {
      return [...executions.values()].filter(
        (e) => (e.state.status === "running" || e.state.status === "stopping") && e.state.runnerId !== undefined,
      );
    },
  };
}

export type ExecutionTracker = ReturnType<typeof createExecutionTracker>;
