import type { StreamTailRequest } from "../ports/event-store.js";
import { assertValidStreamName, InvalidReadOptionsError } from "./append-guard.js";

/**
 * The checks every store makes before `readStreams`: a list of requests, each a valid stream name and a whole
 * `fromVersion` >= 1. Refused with the same typed errors as `readStream` (InvalidEventError for a bad name,
 * InvalidReadOptionsError naming the request's index).
 */
export function assertValidStreamTailRequests(requests: readonly StreamTailRequest[]): void {
  if (!Array.isArray(requests)) throw new InvalidReadOptionsError("readStreams takes an array of { streamName, fromVersion }");
  requests.forEach((request: unknown, index) => {
    if (typeof request !== "object" || request === null) throw new InvalidReadOptionsError(`request ${index} is not an object`);
    const { streamName, fromVersion } = request as Partial<StreamTailRequest>;
    assertValidStreamName(streamName as string);
    if (typeof fromVersion !== "number" || !Number.isSafeInteger(fromVersion) || fromVersion < 1) {
      throw new InvalidReadOptionsError(`request ${index} (${String(streamName)}): fromVersion must be a whole number >= 1`);
    }
  });
}
