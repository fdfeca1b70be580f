import type { ProjectionSnapshot } from "@cloud-ledger/domain";
import { jsonProblem, textProblem } from "@cloud-ledger/domain";

/** A checkpoint save that breaks the port's rules; nothing was written. */
export class InvalidSnapshotError extends Error {
  override readonly name = "InvalidSnapshotError";
  constructor(
    readonly projection: string,
    readonly reason: string,
  ) {
    super(`Invalid checkpoint for projection '${projection}': ${reason}`);
  }
}

/** Shared by every checkpoint store so they accept and reject the same saves. */
export function assertValidSnapshot(projection: string, snapshot: ProjectionSnapshot): void {
  const problem =
    (typeof projection === "string" && projection.length > 0
      ? textProblem(projection, "projection name")
      : "projection name must be a non-empty string") ??
    (typeof snapshot === "object" && snapshot !== null ? undefined : "snapshot must be an object") ??
    (Number.isSafeInteger(snapshot.position) && snapshot.position >= 0 ? undefined : "position must be an integer >= 0") ??
    (snapshot.state === undefined ? "state is missing" : jsonProblem(snapshot.state, "state"));
  if (problem !== undefined) throw new InvalidSnapshotError(String(projection), problem);
}
