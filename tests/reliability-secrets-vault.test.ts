import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createMemoryVault } from "@cloud-ledger/adapters/vault";
import { createControlPlane, type ControlPlane, type EventStore, type SecretRef, type SecretVault } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 12, secrets: the vault and the ledger never disagree because of a failed append, a repeated command id or a
 * slower writer. The control plane writes the vault only after the event is appended, and again (conditionally)
 * when a command id is repeated, so a write a crash cut short is completed by the retry and nothing else changes.
 */

const universe = defaultScenarioUniverse;
const project = universe.projects[0]!;
const organization = universe.organizations.find((o) => o.billingAccountNumber === project.organization)!;
const actor = `github:${organization.maintainer}`;
const ref: SecretRef = { organization: organization.billingAccountNumber, projectKey: project.projectKey, name: "TARGET_PASSWORD" };

/** A memory store whose appends to the project stream fail while `failing` is set (a lost connection, a full disk). */
function flakyStore(): EventStore & { failing: boolean } {
  const inner = createMemoryEventStore();
  const store = Object.create(inner) as EventStore & { failing: boolean };
  store.failing = false;
  store.append = (streamName, events, options) => {
    if (store.failing && events.some((e) => e.type === "SecretSet" || e.type === "SecretDeleted"))
      return Promise.reject(new Error("disk full"));
    return inner.append(streamName, events, options);
  };
  return store;
}

/** A vault whose next calls fail (a crash between the append and the vault write, seen from the ledger). */
function flakyVault(inner: SecretVault): SecretVault & { failNext: number } {
  const vault = {
    failNext: 0,
    put: (r: SecretRef, value: string, at: Parameters<SecretVault["put"]>[2]) =>
      vault.failNext-- > 0 ? Promise.reject(new Error("vault down")) : inner.put(r, value, at),
    delete: (r: SecretRef, at: Parameters<SecretVault["delete"]>[1]) =>
      vault.failNext-- > 0 ? Promise.reject(new Error("vault down")) : inner.delete(r, at),
  };
  return vault;
}

async function setUp() {
  const store = flakyStore();
  const memory = createMemoryVault();
  const vault = flakyVault(memory);
  const plane = createControlPlane({
    store,
    clock: createCountingClock(),
    ids: createCountingIds(12),
    git: createScenarioGit(universe).git,
    vault,
  });
  await bootstrapScenario(plane, universe);
  const set = (commandId: string, value: string, name = ref.name) =>
    dispatch(plane, commandId, { type: "SetSecret", ...refFields(), name, value });
  const remove = (commandId: string, name = ref.name) => dispatch(plane, commandId, { type: "DeleteSecret", ...refFields(), name });
  const secretEvents = async () =>
    (await store.readAll()).filter((e) => e.type === "SecretSet" || e.type === "SecretDeleted").map((e) => e.type);
  return { store, memory, vault, set, remove, secretEvents };
}

function refFields() {
  return { organization: ref.organization, projectKey: ref.projectKey, name: ref.name };
}

/** The outcome of one dispatch: "ok", "refused" or "threw" (a store or vault failure the caller sees). */
async function dispatch(
  plane: ControlPlane,
  commandId: string,
  command: Parameters<ControlPlane["dispatch"]>[0]["command"],
): Promise<string> {
  try {
    const outcome = await plane.dispatch({ actor, commandId, command });
    return outcome._tag === "Right" ? "ok" : "refused";
  } catch {
    return "threw";
  }
}

describe("SetSecret and DeleteSecret with a vault", () => {
  it("leave no value in the vault when the append fails", async () => {
    const { store, memory, set, secretEvents } = await setUp();
    store.failing = true;
    expect(await set("set-1", "orphan-value-1")).toBe("threw");
    expect(await secretEvents()).toEqual([]);
    expect(await memory.get(ref)).toBeUndefined();
    // The same command retried once the store is back records the event and stores the value.
    store.failing = false;
    expect(await set("set-1", "orphan-value-1")).toBe("ok");
    expect(await memory.get(ref)).toBe("orphan-value-1");
  });

  it("keep the vault's value when a failed set is followed by a failed append of another", async () => {
    const { store, memory, set } = await setUp();
    expect(await set("set-1", "first-value")).toBe("ok");
    store.failing = true;
    expect(await set("set-2", "never-recorded")).toBe("threw");
    expect(await memory.get(ref)).toBe("first-value");
  });

  it("ignore a repeated command id with a new value: no event, no vault change", async () => {
    const { memory, set, secretEvents } = await setUp();
    expect(await set("set-1", "first-value")).toBe("ok");
    expect(await set("set-1", "second-value")).toBe("ok");
    expect(await secretEvents()).toEqual(["SecretSet"]);
    expect(await memory.get(ref)).toBe("first-value");
  });

  it("let a late retry of an older set change nothing after a newer set or a deletion", async () => {
    const { memory, set, remove, secretEvents } = await setUp();
    expect(await set("set-1", "older-value")).toBe("ok");
    expect(await set("set-2", "newer-value")).toBe("ok");
    expect(await set("set-1", "older-value")).toBe("ok");
    expect(await memory.get(ref)).toBe("newer-value");
    expect(await remove("delete-1")).toBe("ok");
    expect(await set("set-2", "newer-value")).toBe("ok");
    expect(await memory.get(ref)).toBeUndefined();
    expect(await secretEvents()).toEqual(["SecretSet", "SecretSet", "SecretDeleted"]);
  });

  it("complete a set or a deletion that failed between the append and the vault when its command is retried", async () => {
    const { vault, memory, set, remove, secretEvents } = await setUp();
    vault.failNext = 1;
    expect(await set("set-1", "cut-short-value")).toBe("threw");
    expect(await secretEvents()).toEqual(["SecretSet"]);
    expect(await set("set-1", "cut-short-value")).toBe("ok");
    expect(await memory.get(ref)).toBe("cut-short-value");
    vault.failNext = 1;
    expect(await remove("delete-1")).toBe("threw");
    expect(await memory.get(ref)).toBe("cut-short-value");
    expect(await remove("delete-1")).toBe("ok");
    expect(await memory.get(ref)).toBeUndefined();
    expect(await secretEvents()).toEqual(["SecretSet", "SecretDeleted"]);
  });

  it("keep the value when a deletion's append fails", async () => {
    const { store, memory, set, remove, secretEvents } = await setUp();
    expect(await set("set-1", "kept-value")).toBe("ok");
    store.failing = true;
    expect(await remove("delete-1")).toBe("threw");
    expect(await memory.get(ref)).toBe("kept-value");
    expect(await secretEvents()).toEqual(["SecretSet"]);
  });

  it("agree with the ledger after random sets, deletions, repeated and reused command ids, failed appends and vault failures", async () => {
    const step = fc.record({
      kind: fc.constantFrom("set", "delete"),
      name: fc.constantFrom("TARGET_PASSWORD", "TAP_GITHUB_AUTH_TOKEN"),
      commandId: fc.constantFrom("c0", "c1", "c2", "c3", "c4", "c5", "c6"),
      value: fc.string({ minLength: 1, maxLength: 12 }),
      fails: fc.constantFrom("none", "none", "none", "none", "store", "vault"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { store, memory, vault, set, remove } = await setUp();
        type Step = (typeof steps)[number];
        const log: { readonly step: Step; readonly outcome: string }[] = [];
        const run = async (s: Step) => {
          const outcome = await (s.kind === "set" ? set(s.commandId, s.value, s.name) : remove(s.commandId, s.name));
          log.push({ step: s, outcome });
          return outcome;
        };
        const threw: Step[] = [];
        for (const s of steps) {
          store.failing = s.fails === "store";
          vault.failNext = s.fails === "vault" ? 1 : 0;
          if ((await run(s)) === "threw") threw.push(s);
        }
        // Each write cut short is retried with its command id once nothing fails any more (what a client does).
        store.failing = false;
        vault.failNext = 0;
        for (const s of threw) expect(await run(s)).not.toBe("threw");
        // Now every recorded event's vault step ran at least once: the vault holds, per name, the ledger's last word.
        const events = (await store.readAll()).filter((e) => e.type === "SecretSet" || e.type === "SecretDeleted");
        for (const name of ["TARGET_PASSWORD", "TAP_GITHUB_AUTH_TOKEN"]) {
          const last = events.filter((e) => (e.data as { name: string }).name === name).pop();
          const held = await memory.get({ ...ref, name });
          if (last?.type !== "SecretSet") {
            expect(held, `${name}: deleted or never set, so no value`).toBeUndefined();
            continue;
          }
          // The value the first run of that command that got through to the vault sent; later runs change nothing.
          const first = log.find(
            ({ step: s, outcome }) => outcome === "ok" && s.kind === "set" && s.name === name && s.commandId === last.metadata.commandId,
          );
          expect(held, name).toBe(first?.step.value);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
