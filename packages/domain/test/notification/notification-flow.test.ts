import { describe, expect, it } from "vitest";
import {
  createControlPlane,
  notificationsStream,
  signingSecretRef,
  type ControlPlaneCommand,
  type SecretRef,
  type SecretVault,
  type SecretWrite,
} from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createArrayEventStore,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * The notification flow through the control plane (rules 46-50): authorization by the permission table, a project
 * scope only for a project of the organization, the scope's stream, and the webhook signing secret's vault writes.
 */

const acme = defaultScenarioUniverse.organizations.find((o) => o.name === "acme")!;
const globexProject = defaultScenarioUniverse.projects.find((p) => p.name === "Globex Warehouse")!;
const acmeData = defaultScenarioUniverse.projects.find((p) => p.name === "Acme Data")!;
const ORG = acme.billingAccountNumber;
const HOOK = "https://hooks.example.com/acme";

function recordingVault() {
  const calls: { op: "put" | "delete"; ref: SecretRef; value?: string; at: SecretWrite }[] = [];
  const vault: SecretVault = {
    put: (ref, value, at) => Promise.resolve(void calls.push({ op: "put", ref, value, at })),
    delete: (ref, at) => Promise.resolve(void calls.push({ op: "delete", ref, at })),
  };
  return { vault, calls };
}

async function world() {
  const store = createArrayEventStore();
  const { vault, calls } = recordingVault();
  const plane = createControlPlane({
    store,
    clock: createCountingClock(),
    ids: createCountingIds(9),
    git: createScenarioGit(defaultScenarioUniverse).git,
    vault,
  });
  await bootstrapScenario(plane, defaultScenarioUniverse);
  let n = 0;
  const run = (command: ControlPlaneCommand, actor = `github:${acme.maintainer}`, commandId = `n-${++n}`) =>
    plane.dispatch({ command, actor, commandId });
  return { run, calls };
}

const setHook = { type: "SetNotification" as const, organization: ORG, notificationType: "webhook" as const, recipient: HOOK, filters: [] };

describe("the notification flow", () => {
  it("writes the scope's stream, and the signing secret to the vault after the event, under the dispatcher's ref", async () => {
    const { run, calls } = await world();
    const done = await run({ ...setHook, signingSecret: "s3cret" }, undefined, "set-1");
    expect(done._tag).toBe("Right");
    const [event] = done._tag === "Right" ? done.right.events : [];
    expect(event?.streamName).toBe(notificationsStream(ORG));
    expect(JSON.stringify(event?.data)).not.toContain("s3cret");
    expect(calls).toEqual([
      {
        op: "put",
        ref: { organization: ORG, projectKey: "", name: signingSecretRef({ organization: ORG }, HOOK).name },
        value: "s3cret",
        at: { eventId: event?.eventId, version: 1 },
      },
    ]);
    // A repeated command id reaches the vault again with its first event (the vault ignores a write it holds).
    await run({ ...setHook, signingSecret: "s3cret" }, undefined, "set-1");
    expect(calls[1]?.at).toEqual(calls[0]?.at);
    // Deleting forgets the secret.
    await run({ type: "DeleteNotification", organization: ORG, notificationType: "webhook", recipient: HOOK });
    expect(calls[2]).toMatchObject({ op: "delete", ref: signingSecretRef({ organization: ORG }, HOOK) });
  });

  it("a project scope is the project's stream; a project of another organization reads as missing and nothing is written", async () => {
    const { run, calls } = await world();
    const inProject = await run({ ...setHook, projectKey: acmeData.projectKey });
    expect(inProject._tag === "Right" && inProject.right.events[0]?.streamName).toBe(notificationsStream(ORG, acmeData.projectKey));
    const elsewhere = await run({ ...setHook, projectKey: globexProject.projectKey, signingSecret: "x" });
    expect(elsewhere._tag === "Left" && elsewhere.left.kind === "rejected" && elsewhere.left.error.code).toBe("project-not-found");
    expect(calls).toEqual([]);
  });

  it("a reader may not set one; an outsider is not a member (the permission table)", async () => {
    const { run } = await world();
    const reader = await run(setHook, `github:${acme.reader}`);
    expect(reader._tag === "Left" && reader.left.kind === "rejected" && reader.left.error.code).toBe("insufficient-role");
    const outsider = await run(setHook, `github:${defaultScenarioUniverse.outsider}`);
    expect(outsider._tag === "Left" && outsider.left.kind === "rejected" && outsider.left.error.code).toBe("not-a-member");
  });
});
