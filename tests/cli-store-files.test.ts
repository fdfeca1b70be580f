import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { BUILT_CLI, runCli } from "./support/cli-process.js";

// The store's files: a read-only copy can be read and audited; an export never overwrites a file unasked, nor the store.
let home: string;
let store: string;

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-files-"));
  chmodSync(home, 0o755);
  ensurePackagesBuilt();
  store = path.join(home, "ledger.sqlite");
  expect(runCli(["login", "--github-user", "42", "--login", "alice"], { home }).status).toBe(0);
  expect(runCli(["org", "create", "--name", "acme"], { home }).status).toBe(0);
}, 900_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Runs the CLI as a user who cannot write the copy (root can write anything, so root runs it as nobody). */
function runAsReader(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const readerHome = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-reader-"));
  chmodSync(readerHome, 0o777);
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const cli = (argv: readonly string[]) =>
    spawnSync(process.execPath, [BUILT_CLI, ...argv], {
      cwd: readerHome,
      env: { ...process.env, CLOUD_LEDGER_HOME: readerHome, NO_COLOR: "1" },
      encoding: "utf8",
      timeout: 120_000,
      ...asNobody,
    });
  try {
    expect(cli(["login", "--github-user", "42", "--login", "alice"]).status).toBe(0);
    const run = cli(args);
    return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(readerHome, { recursive: true, force: true });
  }
}

/** A copy of the store whose file nobody but its owner may write, in a folder of the given mode. */
function readOnlyCopy(folderMode: number): string {
  const folder = mkdtempSync(path.join(home, "copy-"));
  const copy = path.join(folder, "copy.sqlite");
  copyFileSync(store, copy);
  chmodSync(copy, 0o444);
  chmodSync(folder, folderMode);
  return copy;
}

describe("a read-only copy of a SQLite store", { timeout: 300_000 }, () => {
  it("can be audited and read, and is left byte for byte as it was", () => {
    const copy = readOnlyCopy(0o777);
    const before = readFileSync(copy);
    const audit = runAsReader(["audit", "verify", "--store", `sqlite:${copy}`]);
    expect(audit.stderr).toBe("");
    expect(audit.stdout).toMatch(/^Audit passed/);
    expect(audit.status).toBe(0);
    const orgs = runAsReader(["org", "list", "--format", "json", "--store", `sqlite:${copy}`]);
    expect(orgs.stderr).toBe("");
    expect(orgs.status).toBe(0);
    expect(orgs.stdout).toContain('"acme"');
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it("refuses a write saying the file is read-only", () => {
    const copy = readOnlyCopy(0o777);
    const before = readFileSync(copy);
    const write = runAsReader(["org", "create", "--name", "beta", "--store", `sqlite:${copy}`]);
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/the file is read-only; this command writes/);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it("in a read-only folder (no -shm file can be made there): reads a private copy, and leaves the store as it was", () => {
    const copy = readOnlyCopy(0o555);
    const before = readFileSync(copy);
    const audit = runAsReader(["audit", "verify", "--store", `sqlite:${copy}`]);
    expect(audit.stderr).toBe("");
    expect(audit.stdout).toMatch(/^Audit passed/);
    expect(audit.status).toBe(0);
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(readdirSync(path.dirname(copy))).toEqual(["copy.sqlite"]);
  });
});

describe("log export --output", { timeout: 300_000 }, () => {
  it("refuses to overwrite an existing file unless --force", () => {
    const output = path.join(home, "existing.ndjson");
    writeFileSync(output, "keep me\n");
    const refused = runCli(["log", "export", "--output", output], { home });
    expect(refused.stderr).toBe(`Error: Cannot export to ${output}: the file exists. Pass --force to replace it. Nothing was written.\n`);
    expect(refused.status).toBe(1);
    expect(readFileSync(output, "utf8")).toBe("keep me\n");
    const forced = runCli(["log", "export", "--output", output, "--force"], { home });
    expect(forced.status).toBe(0);
    expect(readFileSync(output, "utf8")).toMatch(/^\{"format":"cloud-ledger-ndjson","version":1\}\n/);
  });

  it("never overwrites the store itself, even with --force, by name, by symlink or by another spelling of its path", () => {
    const before = readFileSync(store);
    const link = path.join(home, "link-to-store.sqlite");
    symlinkSync(store, link);
    mkdirSync(path.join(home, "sub"));
    for (const output of [store, link, path.join(home, "sub", "..", "ledger.sqlite"), `${store}-wal`]) {
      const run = runCli(["log", "export", "--output", output, "--force"], { home });
      expect(run.stderr).toMatch(/it is the event store's own file/);
      expect(run.status).toBe(1);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(runCli(["audit", "verify"], { home }).status).toBe(0);
  });
});
