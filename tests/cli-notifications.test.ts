import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildProgram } from "@cloud-ledger/cli";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createFileVault, resolveVaultKey } from "@cloud-ledger/adapters/vault";
import { createControlPlane, signingSecretRef, type NotificationScope } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 15, `config notification set|list|update|delete` through the CLI a person uses (rules 46-50): every message
 * of the rulebook, the exit codes, nothing recorded on refusal, and each webhook's signing secret in the CLI's vault
 * under the ref the dispatcher reads.
 */

const acme = defaultScenarioUniverse.organizations.find((o) => o.name === "acme")!;
const acmeData = defaultScenarioUniverse.projects.find((p) => p.name === "Acme Data")!;
const ORG_SCOPE: NotificationScope = { organization: acme.billingAccountNumber };
const PROJECT_SCOPE: NotificationScope = { organization: acme.billingAccountNumber, projectKey: acmeData.projectKey };
const HOOK = "https://hooks.example.com/acme";
const inOrg = ["--org", "acme"];
const inProject = ["--org", "acme", "--project", "Acme Data"];

let home: string;
let previousCwd: string;
let output: string[] = [];

/** Runs the CLI in this process: the exit code main.ts would give, and everything printed. */
async function cli(...args: string[]): Promise<{ readonly exit: number; readonly out: string; readonly error?: Error }> {
  output = [];
  try {
    await buildProgram().parseAsync(["node", "cloud-ledger", ...args]);
    return { exit: 0, out: output.join("") };
  } catch (error) {
    const err = error as Error & { exitCode?: number; code?: string };
    // commander's own errors (bad arguments) exit 2 in main.ts, as do UsageErrors; CliFailures exit 1.
    const exit = err.code?.startsWith("commander.") === true ? (err.exitCode === 0 ? 0 : 2) : (err.exitCode ?? 1);
    return { exit, out: output.join(""), error: err };
  }
}

async function notificationEvents(): Promise<number> {
  const store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  const count = (await store.readAll()).filter((e) => e.type.startsWith("Notification")).length;
  await store.close();
  return count;
}

async function signingSecret(scope: NotificationScope, recipient: string): Promise<string | undefined> {
  const store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  const [first] = await store.readAll({ limit: 1 });
  await store.close();
  const vault = createFileVault({
    file: path.join(home, "secrets.vault"),
    key: resolveVaultKey({ keyFile: path.join(home, "vault.key"), env: {} }),
    scope: first!.eventId,
  });
  return vault.get(signingSecretRef(scope, recipient));
}

/** A refused command: its exit code, its message, and not one event written. */
async function refused(exit: number, message: string | RegExp, ...args: string[]): Promise<void> {
  const before = await notificationEvents();
  const run = await cli(...args);
  expect(run.exit, run.out).toBe(exit);
  expect(`${run.out}${run.error?.message ?? ""}`).toMatch(message);
  expect(run.out).not.toMatch(/Successfully/);
  expect(await notificationEvents()).toBe(before);
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-notifications-cli-"));
  previousCwd = process.cwd();
  process.chdir(home);
  vi.stubEnv("CLOUD_LEDGER_HOME", home);
  vi.stubEnv("NO_COLOR", "1");
  vi.stubEnv("CLOUD_LEDGER_VAULT_KEY", "");
  const capture = (chunk: unknown) => {
    output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  const seed = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  await bootstrapScenario(
    createControlPlane({
      store: seed,
      clock: createCountingClock(),
      ids: createCountingIds(9),
      git: createScenarioGit(defaultScenarioUniverse).git,
    }),
    defaultScenarioUniverse,
  );
  await seed.close();
  await cli("login", "--github-user", "103", "--login", "carol");
  await cli("login", "--github-user", "102", "--login", "bob");
});

afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.chdir(previousCwd);
  rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  output = [];
});

describe("config notification set (rules 46, 47, 50)", () => {
  it("sets a webhook in the organization when no project can be picked, with a signing secret printed once", async () => {
    const run = await cli("config", "notification", "set", "webhook", "--recipient", HOOK, ...inOrg);
    expect(run.exit, run.error?.message).toBe(0);
    const secret = /Signing secret \(shown only this once[^)]*\): ([0-9a-f]{64})\n/.exec(run.out)?.[1];
    expect(run.out).toContain(`Successfully set webhook notification for ${HOOK}.\nRun \`cloud-ledger config notification list\``);
    expect(secret).toBeDefined();
    // Kept where the dispatcher reads it: organization scope, project key "".
    expect(signingSecretRef(ORG_SCOPE, HOOK).projectKey).toBe("");
    expect(await signingSecret(ORG_SCOPE, HOOK)).toBe(secret);

    // Set again (rule 46): overwritten, no new secret, the old one kept.
    const again = await cli(
      "config",
      "notification",
      "set",
      "webhook",
      "--recipient",
      HOOK,
      "--filter",
      '{"status": ["failed"]}',
      ...inOrg,
    );
    expect(again.out).toContain(`Successfully set webhook notification for ${HOOK}.`);
    expect(again.out).not.toContain("Signing secret");
    expect(await signingSecret(ORG_SCOPE, HOOK)).toBe(secret);
  });

  it("sets per scope: the selected project's notification is another than the organization's", async () => {
    vi.stubEnv("HOOK_SECRET", "given-secret-value");
    const run = await cli(
      "config",
      "notification",
      "set",
      "webhook",
      "--recipient",
      HOOK,
      "--signing-secret-env",
      "HOOK_SECRET",
      ...inProject,
    );
    vi.stubEnv("HOOK_SECRET", "");
    expect(run.exit, run.error?.message).toBe(0);
    expect(run.out).not.toContain("given-secret-value");
    expect(await signingSecret(PROJECT_SCOPE, HOOK)).toBe("given-secret-value");
    const email = await cli("config", "notification", "set", "email", "--recipient", "ops@example.com", ...inProject, "--json");
    expect(JSON.parse(email.out)).toEqual({ type: "email", recipient: "ops@example.com", scope: "project", set: true });
  });

  it("refuses a malformed recipient with Meltano Cloud's text (exit 2, nothing recorded)", async () => {
    const set = (type: string, recipient: string) => ["config", "notification", "set", type, "--recipient", recipient, ...inOrg];
    await refused(2, /^Invalid webhook value: it must be an http:\/\/ or https:\/\/ URL\.$/, ...set("webhook", "ftp://x.example.com"));
    await refused(
      2,
      "Invalid webhook value: it must not contain a user name or password.",
      ...set("webhook", "https://u:pw@x.example.com"),
    );
    await refused(2, "Invalid email value: it must look like name@domain.tld.", ...set("email", "ops@localhost"));
    await refused(2, /value 'sms' is invalid for argument 'type'\. Choose webhook or email/, ...set("sms", "ops@example.com"));
  });

  it("refuses filters that are not JSON or use other values, with Meltano Cloud's messages (exit 2)", async () => {
    const set = (filter: string) => ["config", "notification", "set", "webhook", "--recipient", HOOK, "--filter", filter, ...inOrg];
    await refused(2, "Unable to parse given json: {events: job_run}", ...set("{events: job_run}"));
    await refused(2, "Some events not supported. Supported events: {'job_run'}, events: ['deploy']", ...set('{"events": ["deploy"]}'));
    await refused(
      2,
      "Some status not supported. Supported status: {'succeeded', 'failed', 'cancelled'}, status: ['Failed']",
      ...set('{"status": ["Failed"]}'),
    );
    await refused(2, 'A filter is a JSON object with "events" and/or "status" lists of strings', ...set('{"status": "failed"}'));
  });

  it("refuses a reader (the permission table: manage-notifications)", async () => {
    await refused(
      1,
      /has role 'reader'.*needs role 'maintainer'/,
      "config",
      "notification",
      "set",
      "email",
      "--recipient",
      "r@example.com",
      "--as",
      "carol",
      ...inOrg,
    );
  });
});

describe("config notification list (rule 47)", () => {
  it("shows Recipient, Type, Status, Filters per scope, N/A for no filter", async () => {
    const project = await cli("config", "notification", "list", ...inProject);
    expect(project.exit, project.error?.message).toBe(0);
    expect(project.out).toMatch(/│ Recipient\s+│ Type\s+│ Status\s+│ Filters\s+│/);
    expect(project.out).toMatch(/│ ops@example\.com\s+│ email\s+│ active\s+│ N\/A\s+│/);
    expect(project.out).toMatch(/│ https:\/\/hooks\.example\.com\/acme\s+│ webhook\s+│ active\s+│ N\/A\s+│/);
    const org = await cli("config", "notification", "list", ...inOrg, "--format", "json");
    expect(JSON.parse(org.out)).toEqual([{ recipient: HOOK, type: "webhook", status: "active", filters: [{ status: ["failed"] }] }]);
    const paged = await cli("config", "notification", "list", ...inProject, "--limit", "1");
    expect(paged.out).toContain("Output truncated.");
    const next = /--after '([^']+)'/.exec(paged.out)?.[1];
    const rest = await cli("config", "notification", "list", ...inProject, "--after", next!, "--json");
    expect((JSON.parse(rest.out) as { recipient: string }[]).map((r) => r.recipient)).toEqual(["ops@example.com"]);
  });
});

describe("config notification update and delete (rule 49, section 4.6)", () => {
  it("with neither --new nor --status says there is nothing to update, exits 0 and records nothing", async () => {
    const before = await notificationEvents();
    const run = await cli("config", "notification", "update", "webhook", "--recipient", HOOK, ...inOrg);
    expect(run.exit).toBe(0);
    expect(run.out).toBe("Nothing to update. Please provide either --new or --status option to update the notification\n");
    expect(await notificationEvents()).toBe(before);
  });

  it("deactivates, renames (the signing secret follows) and deletes (the secret goes)", async () => {
    const secret = await signingSecret(ORG_SCOPE, HOOK);
    const off = await cli("config", "notification", "update", "webhook", "--recipient", HOOK, "--status", "inactive", ...inOrg);
    expect(off.out).toBe("Successfully updated webhook notification\n");
    expect((await cli("config", "notification", "list", ...inOrg)).out).toMatch(/│ webhook\s+│ inactive\s+│ \[\{"status":\["failed"\]\}\]/);
    const renamed = "https://new.example.com/hook";
    const moved = await cli("config", "notification", "update", "webhook", "--recipient", HOOK, "--new", renamed, ...inOrg);
    expect(moved.out, moved.error?.message).toBe("Successfully updated webhook notification\n");
    expect(await signingSecret(ORG_SCOPE, renamed)).toBe(secret);
    expect(await signingSecret(ORG_SCOPE, HOOK)).toBeUndefined();
    await refused(
      2,
      "Invalid webhook value",
      "config",
      "notification",
      "update",
      "webhook",
      "--recipient",
      renamed,
      "--new",
      "nope",
      ...inOrg,
    );
    const gone = await cli("config", "notification", "delete", "webhook", "--recipient", renamed, ...inOrg);
    expect(gone.out).toBe(`Successfully deleted webhook notification for ${renamed}\n`);
    expect(await signingSecret(ORG_SCOPE, renamed)).toBeUndefined();
    expect((await cli("config", "notification", "list", ...inOrg)).out).toBe("No notifications in this organization.\n");
  });

  it("an unknown recipient is not found (exit 1), for update and delete alike", async () => {
    const missing = `No email notification for 'nobody@example.com' exists in this scope.`;
    await refused(1, missing, "config", "notification", "delete", "email", "--recipient", "nobody@example.com", ...inOrg);
    await refused(
      1,
      missing,
      "config",
      "notification",
      "update",
      "email",
      "--recipient",
      "nobody@example.com",
      "--status",
      "active",
      ...inOrg,
    );
  });
});

describe("the ledger with notifications", () => {
  it("verifies end to end (each event in its scope's stream, by an actor the permission table allows)", async () => {
    expect(await notificationEvents()).toBeGreaterThan(5);
    const run = await cli("audit", "verify");
    expect(run.exit, `${run.out}${run.error?.message ?? ""}`).toBe(0);
  });
});
