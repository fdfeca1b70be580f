import { expect, it } from "vitest";
import type { StreamTailRequest } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

/**
 * The optional `readStreams`: result i must equal `readStream(requests[i].streamName, { fromVersion })`, whatever the
 * mix of streams, repeats, missing streams and starting points; bad requests are refused with the read errors.
 */
export function registerMultiStreamReadCases(context: ConformanceContext): void {
  const { adapterName: name, harness } = context;
  const offered = harness.readStreams === true;

  it(`${name}: ${offered ? "offers" : "does not offer"} readStreams, as its harness declares`, () => {
    expect(typeof context.store().readStreams).toBe(offered ? "function" : "undefined");
  });
  if (!offered) return;

  it(`${name}: readStreams equals one readStream per request, in request order`, async () => {
    const store = context.store();
    const long = uniqueName("tails-long");
    const short = uniqueName("tails-short");
    const unusual = `${uniqueName("tails")} 'quoted' / ünïcödé 😀`;
    const missing = uniqueName("tails-missing");
    const longEvents = sampleEvents(long, 6);
    const shortEvents = sampleEvents(short, 2);
    // Interleaved so versions and global positions differ.
    for (let i = 0; i < 6; i += 2) {
      await store.append(long, longEvents.slice(i, i + 2), { expectedVersion: i });
      if (i < 2) await store.append(short, shortEvents, { expectedVersion: 0 });
      if (i === 2) await store.append(unusual, sampleEvents(unusual, 1), { expectedVersion: 0 });
    }
    const requests: StreamTailRequest[] = [];
    for (const streamName of [long, short, unusual, missing]) {
      for (let fromVersion = 1; fromVersion <= 8; fromVersion += 1) requests.push({ streamName, fromVersion });
    }
    // Repeats and an order unlike the streams' own.
    requests.push({ streamName: short, fromVersion: 1 }, { streamName: long, fromVersion: 3 }, { streamName: long, fromVersion: 3 });
    const together = await store.readStreams!(requests);
    expect(together).toHaveLength(requests.length);
    for (const [index, request] of requests.entries()) {
      const alone = await store.readStream(request.streamName, { fromVersion: request.fromVersion });
      expect(together[index], `request ${index}: ${request.streamName} from ${request.fromVersion}`).toEqual(alone);
    }
    expect(await store.readStreams!([])).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["fromVersion 0", [{ streamName: "s", fromVersion: 0 }]],
    ["a negative fromVersion", [{ streamName: "s", fromVersion: -1 }]],
    ["a fractional fromVersion", [{ streamName: "s", fromVersion: 1.5 }]],
    ["a missing fromVersion", [{ streamName: "s" }]],
    ["an empty stream name", [{ streamName: "", fromVersion: 1 }]],
    ["a stream name with NUL", [{ streamName: "a\u0000b", fromVersion: 1 }]],
    ["a request that is not an object", [null]],
    ["not an array", { streamName: "s", fromVersion: 1 }],
  ])(`${name}: readStreams refuses %s with a typed error`, async (_label, requests) => {
    const error: unknown = await context.store().readStreams!(requests as StreamTailRequest[]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(["InvalidReadOptionsError", "InvalidEventError"]).toContain((error as Error).name);
  });
}
