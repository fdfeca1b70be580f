import { expect } from "vitest";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import {
  createControlPlane,
  type Clock,
  type ControlPlane,
  type ControlPlaneCommand,
  type DispatchSuccess,
  type DomainError,
  type EventStore,
  type SecretVault,
} from "@cloud-ledger/domain";
import { createMemoryGitResolver, type MemoryGitResolver } from "@cloud-ledger/domain/testing";

export const ALICE = "github:1001";
export const BOB = "github:1002";
export const CAROL = "github:1003";
export const MALLORY = "github:6666";
export const SCHEDULER = "system:scheduler";
export const RUNNER = "system:runner";
export const WEBHOOK = "system:github-webhook";

export interface Harness {
  readonly store: EventStore;
  readonly plane: ControlPlane;
  readonly git: MemoryGitResolver;
  readonly vault: SecretVault & { readonly values: Map<string, string> };
  send(actor: string, command: ControlPlaneCommand, commandId?: string): ReturnType<ControlPlane["dispatch"]>;
  ok(actor: string, command: ControlPlaneCommand, commandId?: string): Promise<DispatchSuccess>;
  fail(actor: string, command: ControlPlaneCommand): Promise<DomainError>;
}

/** `clock` and `store` replace the stepping clock and the memory store (e.g. a clock a test moves by hand). */
export function createHarness(seed = 7, options: { readonly clock?: Clock; readonly store?: EventStore } = {}): Harness {
  const store = options.store ?? createMemoryEventStore();
  const git = createMemoryGitResolver();
  const clock = options.clock ?? createSteppingClock("2023-08-24T12:00:00.000Z", 1000);
  const ids = createSeededIdGenerator(seed);
  const values = new Map<string, string>();
  const vault = {
    values,
    put: (ref: { organization: string; projectKey: string; name: string }, value: string) => {
      values.set(`${ref.projectKey}/${ref.name}`, value);
      return Promise.resolve();
    },
    delete: (ref: { organization: string; projectKey: string; name: string }) => {
      values.delete(`${ref.projectKey}/${ref.name}`);
      return Promise.resolve();
    },
  };
  const plane = createControlPlane({ store, clock, ids, git, vault });
  let counter = 0;
  const send = (actor: string, command: ControlPlaneCommand, commandId?: string) => {
    counter += 1;
    return plane.dispatch({ command, actor, commandId: commandId ?? `cmd-${counter}` });
  };
  return {
    store,
    plane,
    git,
    vault,
    send,
    async ok(actor, command, commandId) {
      const result = await send(actor, command, commandId);
      if (result._tag === "Left") throw new Error(`${command.type} failed: ${JSON.stringify(result.left)}`);
      return result.right;
    },
    async fail(actor, command) {
      const before = await store.headPosition();
      const result = await send(actor, command);
      if (result._tag === "Right")
        throw new Error(`${command.type} unexpectedly succeeded: ${JSON.stringify(result.right.events.map((e) => e.type))}`);
      if (result.left.kind !== "rejected") throw new Error(`${command.type} failed with ${result.left.kind}: ${result.left.message}`);
      // A rejected command writes nothing.
      expect(await store.headPosition()).toBe(before);
      return result.left.error;
    },
  };
}

export const REPO = "https://github.com/acme/data";

/** Alice signs up, creates the `acme` organization, installs the GitHub App on `acme` and grants the repository. */
export async function acmeOrganization(h: Harness): Promise<string> {
  await h.ok(ALICE, { type: "SignUpUser", githubUserId: "1001", login: "alice" });
  const created = await h.ok(ALICE, { type: "CreateOrganization", name: "acme" });
  const event = created.events.find((e) => e.type === "OrganizationCreated");
  const organization = (event?.data as { organization: string } | undefined)?.organization;
  if (organization === undefined) throw new Error("no organization created");
  await h.ok(ALICE, { type: "InstallGitHubApp", organization, installationId: "42", account: "acme", accountType: "organization" });
  await h.ok(ALICE, { type: "GrantRepository", organization, installationId: "42", repositoryUrl: "git@github.com:Acme/Data.git" });
  return organization;
}

export async function acmeProject(h: Harness, organization: string): Promise<string> {
  const created = await h.ok(ALICE, { type: "CreateProject", organization, name: "Acme Data Project", repositoryUrl: REPO });
  const event = created.events.find((e) => e.type === "ProjectCreated");
  const projectKey = (event?.data as { projectKey: string } | undefined)?.projectKey;
  if (projectKey === undefined) throw new Error("no project created");
  return projectKey;
}
