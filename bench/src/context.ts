import type { BenchConfig } from "./config.js";
import type { Report } from "./harness/report.js";
import type { PostgresServer } from "./infra/postgres-server.js";
import type { TempDir } from "./infra/temp-dir.js";

/** What every workload group gets: sizes, where to write figures, a temp dir, and PostgreSQL if it started. */
export interface BenchContext {
  readonly config: BenchConfig;
  readonly report: Report;
  readonly temp: TempDir;
  /** Undefined when PostgreSQL could not start; `postgresSkipReason` then says why. */
  readonly postgres: PostgresServer | undefined;
  readonly postgresSkipReason: string;
  /** The stores to run (--stores); all when empty. */
  readonly stores: readonly string[];
  /** Extra node flags for child tasks (e.g. --cpu-prof). */
  readonly childExecArgv: readonly string[];
}

export type WorkloadGroup = (context: BenchContext) => Promise<void>;
