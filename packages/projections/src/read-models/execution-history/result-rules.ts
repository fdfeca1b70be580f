/** Platform status of an execution (the ECS task status Meltano Cloud exposes); `DELETED` is terminal too. */
export type ExecutionStatus = "PENDING" | "RUNNING" | "STOPPED" | "DELETED";
export type ExecutionResult = "Success" | "Failed" | "Running";

/** Rule 38: Running unless the status is STOPPED or DELETED; then Success iff the exit code is 0, else Failed. */
export function executionResult(status: ExecutionStatus, exitCode: number | null): ExecutionResult {
  if (status !== "STOPPED" && status !== "DELETED") return "Running";
  return exitCode === 0 ? "Success" : "Failed";
}

/** Rule 39: end − start as HH:MM:SS (hours keep counting past 24), or `N/A` while there is no end time. */
export function executionDuration(startedAt: string, endedAt: string | null): string {
  if (endedAt === null) return "N/A";
  const seconds = Math.max(0, Math.floor((Date.parse(endedAt) - Date.parse(startedAt)) / 1000));
  if (Number.isNaN(seconds)) return "N/A";
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}
