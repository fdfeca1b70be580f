import { measureRate, secondsSince, type MeasureOptions, type RateResult } from "../harness/stats.js";

/**
 * The ceiling for any replay that parses JSON: `JSON.parse` of the very lines the replay reads (one stored event per
 * line). The parsed values are kept reachable until the run ends so the engine cannot skip the work.
 */
export async function measureJsonParseRate(lines: readonly string[], options: MeasureOptions): Promise<RateResult> {
  let sink = 0;
  const result = await measureRate(options, () => {
    const start = process.hrtime.bigint();
    for (const line of lines) {
      const parsed = JSON.parse(line) as { version?: number };
      sink += parsed.version ?? 0;
    }
    return Promise.resolve({ ops: lines.length, seconds: secondsSince(start) });
  });
  if (sink < 0) console.log(sink);
  return result;
}

/** The average byte size of the parsed lines, reported beside the rate (the rate depends on it). */
export function averageBytes(lines: readonly string[]): number {
  let total = 0;
  for (const line of lines) total += Buffer.byteLength(line);
  return lines.length === 0 ? 0 : Math.round(total / lines.length);
}
