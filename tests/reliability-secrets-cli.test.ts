import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildProgram } from "@cloud-ledger/cli";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createFileVault, resolveVaultKey } from "@cloud-ledger/adapters/vault";
import { createControlPlane } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 8, secrets, through the CLI a person uses: `config env set` with random values (allowed, refused for a reader,
 * refused for a malformed key, in terminal and JSON output), then `config env list`, `audit trail`, `audit verify`,
 * `history` and `log export`. Every byte printed and every byte of every file the CLI left in its home (SQLite
 * database and WAL, session file, the export) is searched for each value and its common encodings.
 * Issue 12: the value is given on the command line or through an environment variable and lands in the CLI's vault
 * (checked by opening it with the home's key), whose file is among those searched: it holds no value in plain text.
 */

const secretValue = fc.string({
  unit: fc.constantFrom(..."abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!~*'()\"\\/ é€🙂"),
  minLength: 12,
  maxLength: 32,
});

function encodingsOf(value: string): string[] {
  const utf8 = Buffer.from(value, "utf8");
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    utf8.toString("base64"),
    utf8.toString("hex"),
    encodeURIComponent(value),
    createHash("sha256").update(value).digest("hex"),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

let home: string;
let previousCwd: string;

/** The value the CLI's vault holds for a name of Acme Data, opened with the home's key file. */
async function vaultValue(name: string): Promise<string | undefined> {
  const store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  const [first] = await store.readAll({ limit: 1 });
  await store.close();
  const vault = createFileVault({
    file: path.join(home, "secrets.vault"),
    key: resolveVaultKey({ keyFile: path.join(home, "vault.key"), env: {} }),
    scope: first!.eventId,
  });
  const acme = defaultScenarioUniverse.organizations.find((o) => o.name === "acme")!;
  const project = defaultScenarioUniverse.projects.find((p) => p.name === "Acme Data")!;
  return vault.get({ organization: acme.billingAccountNumber, projectKey: project.projectKey, name });
}
let output: string[] = [];

async function cli(...args: string[]): Promise<unknown> {
  try {
    await buildProgram().parseAsync(["node", "cloud-ledger", ...args]);
    return undefined;
  } catch (error) {
    output.push(String(error), error instanceof Error ? (error.stack ?? "") : "");
    return error;
  }
}

async function secretEventCount(): Promise<number> {
  const store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  const count = (await store.readAll()).filter((e) => e.type === "SecretSet" || e.type === "SecretDeleted").length;
  await store.close();
  return count;
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-secrets-cli-"));
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
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(" ")));
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

describe("secret values set through the CLI", () => {
  it("appear in no output and in no file the CLI wrote", async () => {
    const where = ["--org", "acme", "--project", "Acme Data"];
    const all: string[] = [];
    await fc.assert(
      fc.asyncProperty(secretValue, fc.constantFrom("terminal", "json"), fc.constantFrom("argv", "env"), async (value, format, source) => {
        all.push(value);
        output = [];
        vi.stubEnv("SECRET_FOR_THE_CLI", value);
        const given = source === "argv" ? ["--value", value] : ["--value-env", "SECRET_FOR_THE_CLI"];
        await cli("config", "env", "set", "--key", "TAP_GITHUB_AUTH_TOKEN", ...given, "--format", format, ...where);
        vi.stubEnv("SECRET_FOR_THE_CLI", "");
        expect(output.join(""), "the maintainer's set must succeed").toMatch(/Successfully set config item|"set": ?true/);
        // Not dropped: the vault in the home gives the value back.
        expect(await vaultValue("TAP_GITHUB_AUTH_TOKEN")).toBe(value);
        await cli("config", "env", "set", "--key", "TARGET_PASSWORD", "--value", value, "--as", "carol", "--format", format, ...where);
        await cli("config", "env", "set", "--key", "1-not-a-name", "--value", value, "--format", format, ...where);
        await cli("config", "env", "set", "--value", value, ...where);
        await cli("config", "env", "list", "--format", format, ...where);
        await cli("audit", "trail", "--format", format, "--org", "acme");
        await cli("history", "--format", format, ...where);
        await cli("audit", "verify", "--format", format);
        // A fresh file per run: an export never overwrites one without being asked to.
        const exported = path.join(home, `export-${all.length}.ndjson`);
        await cli("log", "export", "--output", exported);
        const printed = output.join("\n");
        const names = filesUnder(home).map((file) => path.basename(file));
        expect(names).toContain("secrets.vault");
        const files = Buffer.concat(filesUnder(home).map((file) => readFileSync(file)));
        // Not vacuous: the name (never the value) is in the database and in the export the search went through.
        expect(files.includes(Buffer.from("SecretSet"))).toBe(true);
        expect(readFileSync(exported, "utf8")).toContain("TAP_GITHUB_AUTH_TOKEN");
        for (const v of all) {
          for (const encoded of encodingsOf(v)) {
            expect(printed.includes(encoded), `printed as ${JSON.stringify(encoded)}`).toBe(false);
            expect(files.includes(Buffer.from(encoded, "utf8")), `written to a file as ${JSON.stringify(encoded)}`).toBe(false);
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 180_000);

  it("never say a value was set when the vault cannot take it, and record nothing then", async () => {
    const where = ["--org", "acme", "--project", "Acme Data"];
    await cli("config", "env", "set", "--key", "TARGET_PASSWORD", "--value", "value-before-the-trouble", ...where);
    expect(await vaultValue("TARGET_PASSWORD")).toBe("value-before-the-trouble");
    const vaultFile = path.join(home, "secrets.vault");
    const intact = readFileSync(vaultFile);
    const refused = async (code: string, ...args: string[]) => {
      output = [];
      const before = await secretEventCount();
      const error = await cli("config", "env", "set", "--key", "TARGET_PASSWORD", ...args, ...where);
      const { code: actual, name } = (error ?? {}) as { code?: string; name?: string };
      expect(actual ?? name, output.join("")).toBe(code);
      expect(output.join("")).not.toMatch(/Successfully set|"set": ?true/);
      expect(await secretEventCount()).toBe(before);
    };
    // Another operator key than the one that wrote the vault.
    vi.stubEnv("CLOUD_LEDGER_VAULT_KEY", Buffer.alloc(32, 7).toString("base64"));
    await refused("vault-wrong-key", "--value", "value-under-a-wrong-key");
    vi.stubEnv("CLOUD_LEDGER_VAULT_KEY", "");
    // An edited vault file (one byte of a sealed value flipped).
    const edited = JSON.parse(intact.toString("utf8")) as { entries: { value: { data: string } | null }[] };
    const sealed = edited.entries.find((e) => e.value !== null)!.value!;
    sealed.data = `${sealed.data[0] === "A" ? "B" : "A"}${sealed.data.slice(1)}`;
    writeFileSync(vaultFile, JSON.stringify(edited));
    await refused("vault-tampered", "--value", "value-into-an-edited-vault");
    writeFileSync(vaultFile, intact);
    // No value at all, or two ways at once.
    await refused("UsageError", "--value-stdin", "--value", "two-ways-at-once");
    await refused("UsageError");
    vi.stubEnv("SECRET_FOR_THE_CLI", undefined);
    expect(await cli("config", "env", "set", "--key", "TARGET_PASSWORD", "--value-env", "SECRET_FOR_THE_CLI", ...where)).toBeInstanceOf(
      Error,
    );
    expect(await vaultValue("TARGET_PASSWORD")).toBe("value-before-the-trouble");
    // The list shows names, never values.
    output = [];
    await cli("config", "env", "list", "--format", "json", ...where);
    expect(output.join("")).toContain("TARGET_PASSWORD");
    expect(output.join("")).not.toContain("value-before-the-trouble");
  });
});
