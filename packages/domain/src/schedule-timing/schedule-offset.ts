import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

/** Cloud shifts every (deployment, schedule) pair by a constant offset in [−7, +7] minutes (rule 29). */
export const MAX_SCHEDULE_OFFSET_MINUTES = 7;

/**
 * The pair's offset in whole minutes. Cloud drew it at random once; deriving it from a hash of the pair keeps
 * it constant across runs and replays with no stored state, and spreads pairs evenly over the 15 values.
 */
export function scheduleOffsetMinutes(deploymentKey: string, scheduleName: string): number {
  // JSON keeps ("a/b", "c") and ("a", "b/c") apart.
  const digest = sha256(utf8ToBytes(JSON.stringify([deploymentKey, scheduleName])));
  const word = new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
  const span = 2 * MAX_SCHEDULE_OFFSET_MINUTES + 1;
  return (word % span) - MAX_SCHEDULE_OFFSET_MINUTES;
}
