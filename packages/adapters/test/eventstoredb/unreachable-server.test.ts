import { describe, expect, it } from "vitest";
import { StoreClosedError, WrongExpectedVersionError } from "@cloud-ledger/domain";
import { createEventStoreDbEventStore } from "@cloud-ledger/adapters/eventstoredb";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";

// Port 1 on localhost refuses connections at once: the client fails fast with UNAVAILABLE.
const unreachable = "esdb://127.0.0.1:1?tls=false";

describe("eventstoredb store without a server", () => {
  it("surfaces the client's connection error instead of mistaking it for a conflict or an empty stream", async () => {
    const store = createEventStoreDbEventStore({ connectionString: unreachable });
    const append = await store.append("s-1", sampleEvents("s-1", 1), { expectedVersion: "any" }).catch((error: unknown) => error);
    expect(append).toBeInstanceOf(Error);
    expect(append).not.toBeInstanceOf(WrongExpectedVersionError);
    expect(String(append)).toMatch(/UNAVAILABLE|Unavailable|ECONNREFUSED/);
    await expect(store.readStream("s-1")).rejects.toThrow(/UNAVAILABLE|Unavailable|ECONNREFUSED|connection/i);
    await store.close();
  });

  it("checks input before touching the network, and refuses calls after close", async () => {
    const store = createEventStoreDbEventStore({ connectionString: unreachable });
    await expect(store.append("", sampleEvents("x", 1), { expectedVersion: "any" })).rejects.toMatchObject({ name: "InvalidEventError" });
    await expect(store.readStream("s", { limit: -1 })).rejects.toMatchObject({ name: "InvalidReadOptionsError" });
    await expect(store.append("$system", sampleEvents("$system", 1), { expectedVersion: "any" })).rejects.toMatchObject({
      name: "InvalidEventError",
      message: expect.stringContaining("reserves stream names starting with '$'") as unknown,
    });
    await store.close();
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreClosedError);
  });
});
