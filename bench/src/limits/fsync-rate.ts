import { closeSync, fdatasyncSync, openSync, writeSync } from "node:fs";
import { measureRate, secondsSince, type MeasureOptions, type RateResult } from "../harness/stats.js";

/**
 * The disk's durable-commit ceiling: small appends each followed by fdatasync, to a file in the bench temp dir
 * (the same file system the SQLite files live on). One durable single-event commit can't be faster than this.
 */
export async function measureFsyncRate(path: string, options: MeasureOptions, syncsPerRun: number): Promise<RateResult> {
  const fd = openSync(path, "a");
  const line = Buffer.from(`${"x".repeat(299)}\n`);
  try {
    return await measureRate(options, () => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < syncsPerRun; i += 1) {
        writeSync(fd, line);
        fdatasyncSync(fd);
      }
      return Promise.resolve({ ops: syncsPerRun, seconds: secondsSince(start) });
    });
  } finally {
    closeSync(fd);
  }
}
