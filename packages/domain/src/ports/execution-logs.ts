import type { LogStream } from "./execution-runner.js";

/** One stored output line of an execution (Meltano Cloud's log event: timestamp and message). */
export interface ExecutionLogLine {
  /** 1, 2, 3, … per execution, in the order lines were appended. */
  readonly seq: number;
  /** ISO-8601 UTC time the line was read from the process. */
  readonly at: string;
  readonly stream: LogStream;
  readonly text: string;
}

export interface NewLogLine {
  readonly at: string;
  readonly stream: LogStream;
  readonly text: string;
}

/**
 * Append-only log lines per execution. Lines longer than the store's bound are cut and marked; a reader sees whole
 * batches only, so reading while a runner writes is safe.
 */
export interface ExecutionLogStore {
  append(executionId: string, lines: readonly NewLogLine[]): Promise<void>;
  /** Lines after `afterSeq` (exclusive, default 0), at most `limit` of them, in order. */
  read(executionId: string, options?: { readonly afterSeq?: number; readonly limit?: number }): Promise<readonly ExecutionLogLine[]>;
  close(): Promise<void>;
}

/** A runner's claim on a running execution, renewed by heartbeats. */
export interface RunnerLease {
  readonly executionId: string;
  readonly runnerId: string;
  /** ISO-8601 UTC time of the last heartbeat. */
  readonly heartbeatAt: string;
}

/**
 * Heartbeats are liveness, not facts of the control plane: they are kept beside the logs, never in the ledger (one
 * event every few seconds per run would drown the audit). A sweep reads them to find runners that vanished.
 */
export interface RunnerLeaseStore {
  heartbeat(lease: RunnerLease): Promise<void>;
  /** Forgets a lease once its execution ended. */
  release(executionId: string): Promise<void>;
  leases(): Promise<readonly RunnerLease[]>;
}
