import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANIFEST_FILE_BYTE_LIMIT, MANIFEST_TOTAL_BYTE_LIMIT } from "@cloud-ledger/domain";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { GitOutputTooLargeError, runGit } from "../../src/git/run-git.js";
import { createTempRepository, type TempRepository } from "./temp-repository.js";

// Repositories built to hurt the reader: links out of the project, files too big to parse.
const GOOD = "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, job: j, interval: '@daily'}]\n";
let repo: TempRepository;
let outside: string;

beforeAll(() => {
  repo = createTempRepository();
  outside = mkdtempSync(path.join(tmpdir(), "cloud-ledger-outside-"));
  writeFileSync(path.join(outside, "secret.yml"), "environments: [{name: stolen, env: {TOKEN: hunter2}}]\n");
});

afterAll(() => {
  repo.dispose();
  rmSync(outside, { recursive: true, force: true });
});

async function resolveAt(files: Record<string, string>, links: Record<string, string> = {}) {
  for (const file of ["meltano.yml", "a", "big.meltano.yml"]) rmSync(path.join(repo.directory, file), { recursive: true, force: true });
  repo.write(files);
  for (const [link, target] of Object.entries(links)) symlinkSync(target, path.join(repo.directory, link));
  const commit = repo.commit("hostile");
  return createGitResolver().resolve({ repository: repo.directory, revision: commit, rootPath: "." });
}

describe("createGitResolver on hostile repositories", () => {
  it("refuses a root meltano.yml that is a symbolic link out of the project", async () => {
    const outcome = await resolveAt({}, { "meltano.yml": path.join(outside, "secret.yml") });
    expect(outcome).toMatchObject({ _tag: "Left", left: { kind: "manifest-is-a-link", file: "meltano.yml" } });
    expect(outcome._tag === "Left" && outcome.left.message).toMatch(
      /^Project file 'meltano.yml' is a symbolic link; links are not followed/,
    );
  });

  it("refuses an included file that is a symbolic link, naming it", async () => {
    const outcome = await resolveAt({ "meltano.yml": `include_paths: ['a/*.yml']\n${GOOD}` }, { a: outside });
    // A linked folder is one tree entry (the link), not the files behind it: nothing outside is listed.
    expect(outcome._tag === "Right" && outcome.right.manifest.environments).toEqual([]);
    const file = await resolveAt({ "meltano.yml": `include_paths: ['*.meltano.yml']\n${GOOD}` }, { "big.meltano.yml": "../../secret.yml" });
    expect(file).toMatchObject({ _tag: "Left", left: { kind: "manifest-is-a-link", file: "big.meltano.yml" } });
  });

  it("states the size limit for a meltano.yml over it instead of failing as git", async () => {
    const huge = `${GOOD}# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT)}\n`;
    const outcome = await resolveAt({ "meltano.yml": huge });
    expect(outcome).toMatchObject({
      _tag: "Left",
      left: { kind: "manifest-too-large", file: "meltano.yml", bytes: Buffer.byteLength(huge), limit: MANIFEST_FILE_BYTE_LIMIT },
    });
    expect(outcome._tag === "Left" && outcome.left.message).toMatch(/the limit is 4194304 bytes \(4 MiB\) per file/);
  });

  it("applies the limit to included files too, and reads a file just under it", { timeout: 60_000 }, async () => {
    const big = `# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT)}\n`;
    const refused = await resolveAt({ "meltano.yml": `include_paths: ['*.meltano.yml']\n${GOOD}`, "big.meltano.yml": big });
    expect(refused).toMatchObject({ _tag: "Left", left: { kind: "manifest-too-large", file: "big.meltano.yml" } });
    const fits = `environments: [{name: prod}]\n# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT - 40)}\n`;
    const read = await resolveAt({ "meltano.yml": `include_paths: ['*.meltano.yml']\n${GOOD}`, "big.meltano.yml": fits });
    expect(read._tag === "Right" && read.right.manifest.environments).toEqual([{ name: "prod", env: {} }]);
  });
});

describe("the limit on all of a project's files", () => {
  it("refuses files that each fit but together pass 16 MiB, naming the one that crosses it", { timeout: 60_000 }, async () => {
    const part = `# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT - 100)}\n`;
    const parts = Object.fromEntries([1, 2, 3, 4, 5].map((index) => [`a/${index}.meltano.yml`, part]));
    const outcome = await resolveAt({ "meltano.yml": `include_paths: ['a/*.meltano.yml']\n${GOOD}`, ...parts });
    expect(outcome).toMatchObject({
      _tag: "Left",
      left: { kind: "manifest-too-large", file: "a/5.meltano.yml", limit: MANIFEST_TOTAL_BYTE_LIMIT },
    });
    expect(outcome._tag === "Left" && outcome.left.message).toMatch(
      /limit is 16777216 bytes \(16 MiB\) for meltano.yml and all its included files/,
    );
  });
});

describe("runGit output limit", () => {
  it("reports output over the limit as GitOutputTooLargeError stating it, not as git being unavailable", async () => {
    const run = runGit(["--version"], { cwd: repo.directory, maxBuffer: 4 });
    await expect(run).rejects.toBeInstanceOf(GitOutputTooLargeError);
    await expect(runGit(["--version"], { cwd: repo.directory, maxBuffer: 4 })).rejects.toThrow(
      "git --version wrote more than 4 bytes, the most this reader accepts",
    );
  });
});
