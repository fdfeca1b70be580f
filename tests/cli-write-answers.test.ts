import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "@cloud-ledger/cli";
import { createAcmeGitRepository } from "./support/acme-cli-scenario.js";

/*
 * Issue 13: a write command answers from its own result (the events its dispatch returned, and what it read to select
 * and authorize before writing), never by catching the read models up and reading them back. The CLI runtime publishes
 * every read of the read models on a diagnostics channel, saying whether the command had already written; every write
 * command is run here in this process and must not read after writing. Its answer must still be what the read models
 * say right after: a read command follows each write and is compared with it.
 */

const READS_CHANNEL = "cloud-ledger:read-model-reads";

interface Read {
  readonly afterWrite: boolean;
  readonly caughtUp: boolean;
}

let home: string;
let repository: string;
let previousCwd: string;
let output: string[] = [];
let printed: string[] = [];
const reads: Read[] = [];
const onRead = (message: unknown): void => {
  reads.push(message as Read);
};

/** Runs the CLI in this process: its standard output; fails with everything it printed unless it succeeds. */
async function cli(...args: string[]): Promise<string> {
  output = [];
  printed = [];
  try {
    await buildProgram().parseAsync(["node", "cloud-ledger", ...args]);
  } catch (error) {
    throw new Error(`cloud-ledger ${args.join(" ")} failed: ${(error as Error).message}\n${printed.join("")}`);
  }
  return output.join("");
}

/** A command's JSON answer (undefined when it printed none, as a scheduler pass with nothing due). */
async function json<T>(...args: string[]): Promise<T> {
  const out = await cli(...args, "--format", "json");
  return (out === "" ? undefined : JSON.parse(out)) as T;
}

/** A write command's answer, after checking that it read no read model once it had written. */
async function write<T>(...args: string[]): Promise<T> {
  reads.length = 0;
  const answer = await json<T>(...args);
  expect(
    reads.filter((read) => read.afterWrite),
    `reads after the write of ${args.join(" ")}`,
  ).toEqual([]);
  return answer;
}

type Json = Record<string, unknown>;
const without = (row: Json, ...keys: string[]): Json => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

/** `org list`'s row of an organization, less the columns that are about the reader (role, default). */
async function listedOrganization(name: string): Promise<Json> {
  const rows = await json<Json[]>("org", "list");
  const row = rows.find((r) => r["name"] === name);
  expect(row, `org list shows ${name}`).toBeDefined();
  return without(row as Json, "role", "default");
}

async function listedDeployment(name: string): Promise<Json> {
  const row = (await json<Json[]>("deployment", "list")).find((r) => r["deployment"] === name);
  expect(row, `deployment list shows ${name}`).toBeDefined();
  return without(row as Json, "default");
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-write-answers-"));
  repository = createAcmeGitRepository();
  previousCwd = process.cwd();
  process.chdir(home);
  vi.stubEnv("CLOUD_LEDGER_HOME", home);
  vi.stubEnv("NO_COLOR", "1");
  vi.stubEnv("CLOUD_LEDGER_VAULT_KEY", "");
  const text = (chunk: unknown): string => (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => {
    output.push(text(chunk));
    printed.push(text(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
    printed.push(text(chunk));
    return true;
  });
  subscribe(READS_CHANNEL, onRead);
  await cli("login", "--github-user", "103", "--login", "carol");
  await cli("login", "--github-user", "102", "--login", "bob");
  await cli("login", "--github-user", "101", "--login", "alice");
});

afterAll(() => {
  unsubscribe(READS_CHANNEL, onRead);
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.chdir(previousCwd);
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

// One story, in order: each step is a write, checked against the read that follows it.
describe("every write command answers from its own result (issue 13)", { timeout: 120_000 }, () => {
  it("the channel hears reads: a read command reads the read models, before any write", async () => {
    await cli("org", "create", "--name", "carol-org", "--as", "carol");
    reads.length = 0;
    await json("org", "list");
    expect(reads).toEqual([{ afterWrite: false, caughtUp: true }]);
  });

  it("org create answers with the organization as org list shows it", async () => {
    const created = await write<Json>("org", "create", "--name", "acme");
    expect(created).toEqual(await listedOrganization("acme"));
    expect(created["members"]).toEqual([{ githubUserId: "101", login: "alice", role: "owner" }]);
    expect(await cli("org", "use", "acme")).toContain("Set 'acme'");
  });

  it("org install-app, grant-repo answer with the organization as it is now", async () => {
    const installed = await write<Json>("org", "install-app", "--installation", "4242", "--account", "acme");
    expect(installed).toEqual(await listedOrganization("acme"));
    const granted = await write<Json>("org", "grant-repo", "--repo", repository);
    expect(granted).toEqual(await listedOrganization("acme"));
    expect((granted["installations"] as Json[])[0]?.["repositories"]).toHaveLength(1);
  });

  it("org member add (a recorded login, and a user id that signed up earlier), role, remove", async () => {
    const bob = await write<Json>("org", "member", "add", "bob", "--role", "maintainer");
    expect(bob).toEqual(await listedOrganization("acme"));
    const carol = await write<Json>("org", "member", "add", "103", "--role", "reader");
    expect(carol).toEqual(await listedOrganization("acme"));
    // Carol signed up with her first command: the answer knows her login though the command named her by id.
    expect(carol["members"]).toContainEqual({ githubUserId: "103", login: "carol", role: "reader" });
    const promoted = await write<Json>("org", "member", "role", "carol", "--role", "maintainer");
    expect(promoted).toEqual(await listedOrganization("acme"));
    const removed = await write<Json>("org", "member", "remove", "103");
    expect(removed).toEqual(await listedOrganization("acme"));
    expect((removed["members"] as Json[]).map((m) => m["githubUserId"])).toEqual(["101", "102"]);
  });

  it("an acting user's new login shows in the answer (their sign-up is part of the write)", async () => {
    await cli("login", "--github-user", "101", "--login", "alice-renamed");
    const answer = await write<Json>("org", "member", "add", "carol", "--role", "reader");
    expect(answer).toEqual(await listedOrganization("acme"));
    expect(answer["members"]).toContainEqual({ githubUserId: "101", login: "alice-renamed", role: "owner" });
    await cli("login", "--github-user", "101", "--login", "alice");
    await write("org", "member", "remove", "carol");
  });

  it("project create answers with the project as project list shows it", async () => {
    const created = await write<Json>("project", "create", "--name", "Acme Data Project", "--repo-url", repository);
    const listed = (await json<Json[]>("project", "list")).find((p) => p["name"] === "Acme Data Project");
    expect(created).toEqual(listed);
  });

  it("deployment create answers with the deployment as deployment list shows it, the first one becoming the default", async () => {
    const prod = await write<Json>("deployment", "create", "--name", "Prod", "--environment", "prod", "--git-rev", "main");
    expect(prod).toEqual(await listedDeployment("prod"));
    expect((await json<Json[]>("deployment", "list")).map((d) => [d["deployment"], d["default"]])).toEqual([["prod", true]]);
    reads.length = 0;
    const text = await cli("deployment", "create", "--name", "staging", "--environment", "staging", "--git-rev", "main");
    expect(reads.filter((read) => read.afterWrite)).toEqual([]);
    expect(text).toBe(`Created deployment "staging". To use as default run "cloud-ledger deployment use --name staging"\n`);
    expect(await listedDeployment("staging")).toMatchObject({ deployment: "staging", environment: "staging", gitRev: "main" });
  });

  it("deployment update answers with the redeployed deployment as deployment list shows it", async () => {
    const before = await listedDeployment("prod");
    const updated = await write<Json>("deployment", "update", "--name", "prod", "--force");
    expect(updated).toEqual(await listedDeployment("prod"));
    expect(updated["lastDeployedAt"]).not.toBe(before["lastDeployedAt"]);
    expect(updated["createdAt"]).toBe(before["createdAt"]);
  });

  it("ids regenerate answers with the ID the read models now show", async () => {
    const org = await write<Json>("ids", "regenerate");
    expect(org["internalId"]).toBe((await listedOrganization("acme"))["internalId"]);
    const project = await write<Json>("ids", "regenerate", "--project-id");
    const history = await json<Json[]>("ids", "history", "--project-id");
    expect(history.at(-1)?.["internalId"]).toBe(project["internalId"]);
  });

  it("schedule enable/disable, run, job start/finish/stop answer what the read models then show", async () => {
    expect(await write<Json>("schedule", "enable", "--schedule", "daily-transforms")).toMatchObject({ enabled: true, changed: true });
    const enabled = (await json<Json[]>("schedule", "list", "--deployment", "prod")).find((s) => s["schedule"] === "daily-transforms");
    expect(enabled?.["enabled"]).toBe(true);
    const { executionId } = await write<{ executionId: string }>("run", "daily-transforms");
    expect(await write<Json>("job", "start", "--execution-id", executionId)).toMatchObject({ status: "running" });
    expect(await write<Json>("job", "finish", "--execution-id", executionId, "--exit-code", "0")).toMatchObject({ exitCode: 0 });
    const second = await write<{ executionId: string }>("run", "daily-transforms");
    expect(await write<Json>("job", "stop", "--execution-id", second.executionId)).toMatchObject({ stopped: true });
    const history = await json<Json[]>("history");
    expect(history.map((h) => [h["executionId"], h["result"]])).toEqual([
      [second.executionId, "Failed"], // stopped: no exit 0, so failed
      [executionId, "Success"],
    ]);
    expect(await write<Json>("schedule", "disable", "--schedule", "daily-transforms")).toMatchObject({ enabled: false });
  });

  it("config env set/delete, config notification set/update/delete, state set/delete", async () => {
    await write("config", "env", "set", "--key", "TOKEN", "--value-env", "HOME");
    expect(await json("config", "env", "list")).toEqual([{ name: "TOKEN" }]);
    await write("config", "env", "delete", "TOKEN");
    expect(await json("config", "env", "list")).toEqual([]);
    await write("config", "notification", "set", "email", "--recipient", "data@acme.example");
    await write("config", "notification", "set", "webhook", "--recipient", "https://hooks.example.com/acme");
    await write("config", "notification", "update", "email", "--recipient", "data@acme.example", "--status", "inactive");
    await write("config", "notification", "delete", "webhook", "--recipient", "https://hooks.example.com/acme");
    expect(await json("config", "notification", "list")).toEqual([
      { recipient: "data@acme.example", type: "email", status: "inactive", filters: [] },
    ]);
    const file = path.join(home, "state.json");
    writeFileSync(file, JSON.stringify({ singer_state: { bookmarks: { issues: { since: "2023-09-01" } } } }));
    await write("state", "set", "--state-id", "prod:tap-github-to-target-jsonl", "--file-path", file);
    expect(await json("state", "list")).toEqual([{ stateId: "prod:tap-github-to-target-jsonl" }]);
    await write("state", "delete", "--state-id", "prod:tap-github-to-target-jsonl");
    expect(await json("state", "list")).toEqual([]);
  });

  it("deployment notify-push, org credits purchase, org revoke-repo, deployment delete", async () => {
    const pushed = await write<Json>("deployment", "notify-push", "--repo", repository, "--branch", "main");
    expect(pushed).toMatchObject({ branch: "main", refused: [] });
    await write("org", "credits", "purchase", "--amount", "100");
    const revoked = await write<Json>("org", "revoke-repo", "--repo", repository);
    expect(revoked).toEqual(await listedOrganization("acme"));
    expect((revoked["installations"] as Json[])[0]?.["repositories"]).toEqual([]);
    await write("deployment", "delete", "--name", "staging");
    expect((await json<Json[]>("deployment", "list")).map((d) => d["deployment"])).toEqual(["prod"]);
  });

  it("the platform's writers (scheduler, runner sweep) read nothing after they write either", async () => {
    await write("scheduler", "run", "--once");
    await write("runner", "sweep");
  });
});
