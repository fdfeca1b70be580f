import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STATE_FILE_BYTES } from "@cloud-ledger/domain";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli, type CliRun } from "./support/cli-process.js";
import { createAcmeGitRepository } from "./support/acme-cli-scenario.js";

// `cloud-ledger state list|get|set|delete` (rules 51-54) through the built CLI, with the Meltano Cloud CLI's texts, and
// the audit trail's paging.

let home: string;
let repository: string;
const ID = "prod:tap-github-to-target-jsonl";

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-state-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

const cli = (...args: string[]): CliRun => runCli(args, { home });
function ok(...args: string[]): string {
  const run = cli(...args);
  if (run.status !== 0) throw new Error(`cloud-ledger ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}
function file(name: string, content: string | Uint8Array): string {
  const at = path.join(home, name);
  writeFileSync(at, content);
  return at;
}

describe("cloud-ledger state", { timeout: 300_000 }, () => {
  it("set, get, list and delete with Meltano Cloud's texts; every change is in the audit trail with its actor", () => {
    ok("login", "--github-user", "5840001", "--login", "alice");
    ok("org", "create", "--name", "acme");
    ok("org", "install-app", "--installation", "4242", "--account", "acme");
    ok("org", "grant-repo", "--repo", repository);
    ok("project", "create", "--name", "Acme Data Project", "--repo-url", repository);

    expect(ok("state", "get", "--state-id", ID)).toBe(`No state found for ${ID}\n`);
    const completed = { completed: { singer_state: { bookmarks: { issues: { since: "2023-09-01" } } } } };
    expect(ok("state", "set", "--state-id", ID, "--file-path", file("state.json", JSON.stringify(completed)))).toBe(
      `Successfully set state for ${ID}\n`,
    );
    expect(JSON.parse(ok("state", "get", "--state-id", ID))).toEqual(completed);
    // Rule 52: a bare singer_state is stored under 'completed'.
    ok("state", "set", "--state-id", "dev:tap-github-to-target-jsonl", "--file-path", file("bare.json", '{"singer_state": {"a": 1}}'));
    expect(JSON.parse(ok("state", "get", "--state-id", "dev:tap-github-to-target-jsonl"))).toEqual({
      completed: { singer_state: { a: 1 } },
    });

    // Rule 54: one id per line, paged with --limit/--after.
    expect(ok("state", "list")).toBe(`dev:tap-github-to-target-jsonl\n${ID}\n`);
    const first = cli("state", "list", "--limit", "1");
    expect(first.stdout).toBe("dev:tap-github-to-target-jsonl\n");
    const cursor = /--after '([^']+)'/.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    expect(ok("state", "list", "--after", cursor!)).toBe(`${ID}\n`);

    expect(ok("state", "delete", "--state-id", ID)).toBe(`Successfully deleted state for ${ID}\n`);
    expect(ok("state", "get", "--state-id", ID)).toBe(`No state found for ${ID}\n`);
    const trail = ok("audit", "trail", "--entity", "state");
    expect(trail).toContain("StateSet");
    expect(trail).toContain("StateDeleted");
    expect(trail).toContain(`state '${ID}' of 'Acme Data Project'`);
    expect(trail).toContain("alice (github:5840001)");
    // Rule 54 for the trail: --limit pages it, and the printed cursor continues exactly after the last row shown.
    const all = JSON.parse(ok("audit", "trail", "--format", "json")) as { position: number }[];
    const head = cli("audit", "trail", "--limit", "2", "--format", "json");
    expect((JSON.parse(head.stdout) as { position: number }[]).map((e) => e.position)).toEqual(all.slice(0, 2).map((e) => e.position));
    const next = /--after '([^']+)'/.exec(head.stderr)?.[1];
    expect(next).toBe(String(all[1]!.position));
    const rest = JSON.parse(ok("audit", "trail", "--after", next!, "--format", "json")) as { position: number }[];
    expect(rest.map((e) => e.position)).toEqual(all.slice(2).map((e) => e.position));
    ok("audit", "verify");
  });

  it("a missing, oversized or invalid file, or a malformed state id, is a typed error and writes nothing", () => {
    const before = ok("log", "export");
    const refusals: [string[], number, string][] = [
      [["--file-path", path.join(home, "missing.json")], 1, "Cannot read the state file"],
      [["--file-path", file("big.json", new Uint8Array(MAX_STATE_FILE_BYTES + 1).fill(0x20))], 1, "larger than"],
      [["--file-path", file("bad.json", "{nope")], 1, "not JSON"],
      [["--file-path", file("complete.json", '{"complete": {"singer_state": {}}}')], 1, "may only hold 'completed' and 'partial'"],
      [["--file-path", file("deep.json", "[".repeat(10_000))], 1, "nested deeper than 64"],
      [["--file-path", file("lsn.json", '{"singer_state": {"lsn": 123456789012345678901}}')], 1, "beyond 2^53 - 1"],
    ];
    for (const [args, status, message] of refusals) {
      const run = cli("state", "set", "--state-id", ID, ...args);
      expect([run.status, run.stderr]).toEqual([status, expect.stringContaining(message)]);
    }
    const badId = cli("state", "set", "--state-id", "prod:tap-github", "--file-path", file("ok.json", '{"singer_state": {}}'));
    expect([badId.status, badId.stderr]).toEqual([2, expect.stringContaining("'<extractor>-to-<loader>'")]);
    const missing = cli("state", "delete", "--state-id", "prod:tap-none-to-target-none");
    expect([missing.status, missing.stderr]).toEqual([1, "Error: No state found for prod:tap-none-to-target-none\n"]);
    expect(ok("log", "export")).toBe(before);
    expect(readFileSync(path.join(home, "ok.json"), "utf8")).toBe('{"singer_state": {}}');
  });
});
