import { describe, expect, expectTypeOf, it } from "vitest";
import type * as Root from "@cloud-ledger/domain";
import type * as Internal from "@cloud-ledger/domain/internal";

/*
 * The root export is the library's public surface: what an embedder may build on without a breaking release. The
 * mechanism behind the stream readers (the folded-stream cache) lives behind `./internal`.
 */
const INTERNAL_NAMES = [
  "createStreamCache",
  "DEFAULT_CACHED_STREAMS",
  "FLOWS",
  "declaredStreams",
  "envelopeFor",
  "isDeclared",
  "runFlow",
] as const;

describe("the root export of @cloud-ledger/domain", () => {
  it("leaves the stream cache out of the public surface (the readers are the seam in front of it)", async () => {
    const root = Object.keys(await import("@cloud-ledger/domain"));
    for (const name of INTERNAL_NAMES) expect(root).not.toContain(name);
    expect(root).toContain("createControlPlane");
    expect(root).toContain("createCachedReader");
    expect(root).toContain("createStoreReader");
    expect(root).toContain("auditStore");
  });

  it("keeps them importable from @cloud-ledger/domain/internal", async () => {
    const internal = Object.keys(await import("@cloud-ledger/domain/internal")).sort();
    expect(internal).toEqual([...INTERNAL_NAMES].sort());
  });

  it("lists the same names as this snapshot (a change to the public surface is a reviewed change)", async () => {
    const root = Object.keys(await import("@cloud-ledger/domain")).sort();
    expect(root).toMatchSnapshot();
  });

  it("types the root without the internals, and the internal entry with them", () => {
    expectTypeOf<typeof Root>().not.toHaveProperty("createStreamCache");
    // @ts-expect-error the cache's type is internal too
    expectTypeOf<Root.StreamCache>().not.toBeAny();
    expectTypeOf<Internal.StreamCache>().toHaveProperty("peekVersion");
    expectTypeOf<typeof Internal>().toHaveProperty("createStreamCache");
    expectTypeOf<Root.StreamReader>().toHaveProperty("readAhead");
    expectTypeOf<typeof Root>().toHaveProperty("createControlPlane");
  });
});
