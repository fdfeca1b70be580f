import { randomBytes } from "node:crypto";
import { monotonicFactory } from "ulid";
import type { IdGenerator } from "@cloud-ledger/domain";

/**
 * Production ids: monotonic ULIDs (so ids minted in the same millisecond still sort in creation order) and
 * 32-hex execution ids from the OS CSPRNG, the shape Meltano Cloud shows for its execution ids.
 */
export function createIdGenerator(): IdGenerator {
  const nextUlid = monotonicFactory();
  return {
    ulid: () => nextUlid(),
    executionId: () => randomBytes(16).toString("hex"),
  };
}
