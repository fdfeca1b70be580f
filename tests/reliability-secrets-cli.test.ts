import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildProgram } from "@cloud-ledger/cli";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createControlPlane } from "@cloud-ledger/domain";
import { bootstrapScenario, createCountingClock, createCountingIds, createScenarioGit, defaultScenarioUniverse } from "@cloud-ledger/domain/testing";

/*
 * Issue 8, secrets, through the CLI a person uses: `config env set` with random values (allowed, refused for a reader,
 * refused for a malformed key, in terminal and JSON output), then `config env list`, `audit trail`, `audit verify`,
 * `history` and `log export`. Every byte printed and every byte of every file the CLI left in its home (SQLite
 * database and WAL, session file, the export) is searched for each value and its common encodings.
 */

const secretValue = fc.string({ unit: fc.constantFrom(..."abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!~*'()\"\\/ é€🙂"), minLength: 12, maxLength: 32 });

function encodingsOf(value: string): string[] {
  const utf8 = Buffer.from(value, "utf8");
  return [value, JSON.stringify(value).slice(1, -1), utf8.toString("base64"), utf8.toString("hex"), encodeURIComponent(value), createHash("sha256").update(value).digest("hex")];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

let home: string;
let previousCwd: string;
let output: string[] = [];

async function cli(...args: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(["node", "cloud-ledger", ...args]);
  } catch (error) {
    output.push(String(error), error instanceof Error ? (error.stack ?? "") : "");
  }
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-secrets-cli-"));
  previousCwd = process.cwd();
  process.chdir(home);
  vi.stubEnv("CLOUD_LEDGER_HOME", home);
  vi.stubEnv("NO_COLOR", "1");
  const capture = (chunk: unknown) => {
    output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(" ")));
  const seed = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  await bootstrapScenario(createControlPlane({ store: seed, clock: createCountingClock(), ids: createCountingIds(9), git: createScenarioGit(defaultScenarioUniverse).git }), defaultScenarioUniverse);
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
      fc.asyncProperty(secretValue, fc.constantFrom("terminal", "json"), async (value, format) => {
        all.push(value);
        output = [];
        await cli("config", "env", "set", "--key", "TAP_GITHUB_AUTH_TOKEN", "--value", value, "--format", format, ...where);
        expect(output.join(""), "the maintainer's set must succeed").toMatch(/Successfully set config item|"set": ?true/);
        await cli("config", "env", "set", "--key", "TARGET_PASSWORD", "--value", value, "--as", "carol", "--format", format, ...where);
        await cli("config", "env", "set", "--key", "1-not-a-name", "--value", value, "--format", format, ...where);
        await cli("config", "env", "set", "--value", value, ...where);
        await cli("config", "env", "list", "--format", format, ...where);
        await cli("audit", "trail", "--format", format, "--org", "acme");
        await cli("history", "--format", format, ...where);
        await cli("audit", "verify", "--format", format);
        await cli("log", "export", "--output", path.join(home, "export.ndjson"), "--force");
        const printed = output.join("\n");
        const files = Buffer.concat(filesUnder(home).map((file) => readFileSync(file)));
        // Not vacuous: the name (never the value) is in the database and in the export the search went through.
        expect(files.includes(Buffer.from("SecretSet"))).toBe(true);
        expect(readFileSync(path.join(home, "export.ndjson"), "utf8")).toContain("TAP_GITHUB_AUTH_TOKEN");
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
});
