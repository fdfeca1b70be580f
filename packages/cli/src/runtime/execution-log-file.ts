import path from "node:path";

/** Where the runner keeps execution log lines and leases: beside the session file, in the CLI home. */
export function executionLogPath(home: string): string {
  return path.join(home, "executions.sqlite");
}
