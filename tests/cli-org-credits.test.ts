import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// `org credits` and `org credits purchase` (rules 42, 44): an owner records purchases, runs are charged when they
// end, and the balance, use, runs by class and recent charges are shown.
let folder: string;
let scenario: ScenarioOptions;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-credits-"));
  scenario = { home: path.join(folder, "home"), repository: createAcmeGitRepository() };
  mkdirSync(scenario.home);
  ensurePackagesBuilt();
  playAcmeScenario(scenario);
}, 900_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
  rmSync(scenario.repository, { recursive: true, force: true });
});

interface Credits {
  metered: boolean;
  balance?: string;
  used?: string;
  runs?: { frequent: number; infrequent: number };
  exhausted?: boolean;
  recentCharges?: { executionId: string; runClass: string; credits: string }[];
}

describe("org credits", { timeout: 300_000 }, () => {
  it("shows an unmetered organization, records an owner's purchase, charges runs and refuses runs once exhausted", () => {
    expect(json<Credits>(["org", "credits"], scenario)).toMatchObject({ metered: false });

    const bad = runCli(["org", "credits", "purchase", "--amount", "0"], { home: scenario.home });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("more than zero");
    const maintainer = runCli(["org", "credits", "purchase", "--amount", "5", "--as", "bob"], { home: scenario.home });
    expect(maintainer.status).toBe(1);
    expect(maintainer.stderr).toContain("has role 'maintainer'");

    expect(json<{ balance: string }>(["org", "credits", "purchase", "--amount", "1.5"], scenario).balance).toBe("1.5");
    const { executionId } = json<{ executionId: string }>(["run", "daily-transforms", "--as", "bob"], scenario);
    ok(["job", "start", "--execution-id", executionId, "--as", "bob"], scenario);
    ok(["job", "finish", "--execution-id", executionId, "--exit-code", "0", "--as", "bob"], scenario);

    const shown = json<Credits>(["org", "credits"], scenario);
    expect(shown).toMatchObject({ metered: true, balance: "0.5", used: "1", runs: { frequent: 0, infrequent: 1 }, exhausted: false });
    expect(shown.recentCharges?.[0]).toMatchObject({ executionId, runClass: "infrequent", credits: "1" });
    const terminal = ok(["org", "credits"], scenario).stdout;
    expect(terminal).toContain("0.5 credits");
    expect(terminal).toContain(executionId);

    // Another run takes the balance below zero; then no new run is accepted.
    const second = json<{ executionId: string }>(["run", "daily-transforms", "--as", "bob"], scenario).executionId;
    ok(["job", "start", "--execution-id", second, "--as", "bob"], scenario);
    ok(["job", "finish", "--execution-id", second, "--exit-code", "0", "--as", "bob"], scenario);
    expect(json<Credits>(["org", "credits"], scenario)).toMatchObject({ balance: "-0.5", exhausted: true });
    const refused = runCli(["run", "daily-transforms", "--as", "bob", "--format", "json"], { home: scenario.home });
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "credits-exhausted" } });

    const trail = json<{ action: string; actor: string }[]>(["audit", "trail", "--entity", "credits"], scenario);
    expect(trail.map((entry) => [entry.action, entry.actor])).toEqual([
      ["CreditsPurchased", "github:5830001"],
      ["CreditsConsumed", "github:5830002"],
      ["CreditsConsumed", "github:5830002"],
    ]);
    expect(json<{ ok: boolean }>(["audit", "verify"], scenario).ok).toBe(true);
  });
});
