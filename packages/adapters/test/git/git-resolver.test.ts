import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitResolver, ManifestSource } from "@cloud-ledger/domain";
import { createGitResolver, type ManifestParser } from "@cloud-ledger/adapters/git";
import { createTempRepository, type TempRepository } from "./temp-repository.js";

/**
 * A stand-in parser that shows exactly what the resolver let it read: every environment is named after a file it
 * read, following `include: <file>` lines of meltano.yml (the real parser's include_paths are tested in the domain).
 */
const recordingParser: ManifestParser = (source: ManifestSource) => {
  const main = source.readFile("meltano.yml") ?? "";
  const included = [...main.matchAll(/^include: (.+)$/gm)].map((match) => match[1] ?? "");
  const names = [`meltano.yml:${main.split("\n")[0] ?? ""}`];
  for (const file of included) names.push(`${file}:${source.readFile(file) ?? "<unreadable>"}`);
  return {
    manifest: { environments: names.map((name) => ({ name, env: {} })), jobs: [], schedules: [] },
    errors: [{ file: "listing", path: "", message: source.listFiles().join(",") }],
  };
};

let repo: TempRepository;
let firstCommit: string;
let secondCommit: string;
let resolver: GitResolver;

beforeAll(() => {
  repo = createTempRepository();
  repo.write({
    "meltano.yml": "v1\ninclude: envs/prod.yml\n",
    "envs/prod.yml": "prod-v1",
    "sub/project/meltano.yml": "nested",
    "README.md": "x",
  });
  firstCommit = repo.commit("first");
  repo.git("tag", "v1.0.0");
  repo.write({
    "meltano.yml": "v2\ninclude: envs/prod.yml\ninclude: envs/staging.yml\n",
    "envs/prod.yml": "prod-v2",
    "envs/staging.yml": "staging-v2",
  });
  secondCommit = repo.commit("second");
  repo.git("branch", "feature", firstCommit);
  resolver = createGitResolver({ parse: recordingParser });
});

afterAll(() => repo.dispose());

async function resolveOk(revision: string, rootPath = ".", repository = repo.directory) {
  const outcome = await resolver.resolve({ repository, revision, rootPath });
  if (outcome._tag === "Left") throw new Error(`expected success, got ${outcome.left.message}`);
  return outcome.right;
}

async function resolveError(revision: string, rootPath = ".", repository = repo.directory) {
  const outcome = await resolver.resolve({ repository, revision, rootPath });
  if (outcome._tag === "Right") throw new Error("expected a failure");
  return outcome.left;
}

describe("createGitResolver: revisions", () => {
  it("resolves a branch to its latest commit and reads the files at that commit", async () => {
    const resolution = await resolveOk("main");
    expect(resolution.commit).toBe(secondCommit);
    expect(resolution.manifest.environments.map((environment) => environment.name)).toEqual([
      "meltano.yml:v2",
      "envs/prod.yml:prod-v2",
      "envs/staging.yml:staging-v2",
    ]);
  });

  it("resolves tags, other branches, full and abbreviated SHAs to the commit they name", async () => {
    for (const revision of ["v1.0.0", "feature", firstCommit, firstCommit.slice(0, 8)]) {
      const resolution = await resolveOk(revision);
      expect(resolution.commit).toBe(firstCommit);
      expect(resolution.manifest.environments.map((environment) => environment.name)).toEqual(["meltano.yml:v1", "envs/prod.yml:prod-v1"]);
    }
  });

  it("rejects unknown revisions and revisions that look like options, naming them", async () => {
    for (const revision of ["no-such-branch", "-h", "--all", "", "main with space", "0".repeat(40)]) {
      const error = await resolveError(revision);
      expect(error).toMatchObject({ kind: "revision-not-found", revision, repository: repo.directory });
      expect(error.message).toContain(`Revision '${revision}' does not name a commit`);
    }
  });
});

describe("createGitResolver: project root", () => {
  it("lists files relative to a nested project root, however the root is spelled", async () => {
    for (const rootPath of ["sub/project", "./sub/project/", "sub//project"]) {
      const resolution = await resolveOk("main", rootPath);
      expect(resolution.manifest.environments[0]?.name).toBe("meltano.yml:nested");
      expect(resolution.manifestErrors[0]?.message).toBe("meltano.yml");
    }
  });

  it("lists every file of the project at the commit, and only those", async () => {
    const resolution = await resolveOk("v1.0.0");
    expect(resolution.manifestErrors[0]?.message.split(",").sort()).toEqual([
      "README.md",
      "envs/prod.yml",
      "meltano.yml",
      "sub/project/meltano.yml",
    ]);
  });

  it("reports a root without meltano.yml, a missing root and a root outside the repository", async () => {
    for (const rootPath of ["envs", "does/not/exist", "../elsewhere", "/etc", "meltano.yml"]) {
      const error = await resolveError("main", rootPath);
      expect(error).toMatchObject({ kind: "manifest-not-found", rootPath, commit: secondCommit });
      expect(error.message).toMatch(/^No meltano\.yml in project root/);
    }
  });
});

describe("createGitResolver: repositories", () => {
  it("reads a file:// URL and a relative path the same as an absolute path", async () => {
    expect((await resolveOk("main", ".", pathToFileURL(repo.directory).href)).commit).toBe(secondCommit);
    const relative = createGitResolver({ parse: recordingParser, baseDirectory: path.dirname(repo.directory) });
    const outcome = await relative.resolve({ repository: path.basename(repo.directory), revision: "main", rootPath: "." });
    expect(outcome._tag === "Right" && outcome.right.commit).toBe(secondCommit);
  });

  it("reads a remote URL through a mirror to a local clone, and refuses it without one", async () => {
    const remote = "https://github.com/acme/acme-meltano.git";
    const mirrored = createGitResolver({ parse: recordingParser, mirrors: { [remote]: repo.directory } });
    const outcome = await mirrored.resolve({ repository: remote, revision: "v1.0.0", rootPath: "." });
    expect(outcome._tag === "Right" && outcome.right.commit).toBe(firstCommit);
    const error = await resolveError("main", ".", remote);
    expect(error).toMatchObject({ kind: "repository-not-found", repository: remote });
    expect(error.message).toContain("only local paths and file:// URLs");
  });

  it("reports a missing folder, a file and a folder that is not a repository (even inside another repository)", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "cloud-ledger-not-git-"));
    try {
      writeFileSync(path.join(scratch, "plain.txt"), "x");
      const inside = path.join(repo.directory, "envs");
      for (const [repository, reason] of [
        [path.join(scratch, "missing"), "does not exist"],
        [path.join(scratch, "plain.txt"), "is not a folder"],
        [scratch, "is not a git repository"],
        [inside, "is not a git repository"],
      ] as const) {
        const error = await resolveError("main", ".", repository);
        expect(error).toMatchObject({ kind: "repository-not-found", repository });
        expect(error.message).toContain(reason);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("reads a bare clone", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "cloud-ledger-bare-"));
    try {
      const bare = path.join(scratch, "acme.git");
      repo.git("clone", "--quiet", "--bare", repo.directory, bare);
      expect((await resolveOk("v1.0.0", ".", bare)).commit).toBe(firstCommit);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("ignores GIT_DIR and friends inherited from the environment (as inside a git hook)", async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(tmpdir(), "definitely-not-a-repo");
    try {
      expect((await resolveOk("main")).commit).toBe(secondCommit);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });
});
