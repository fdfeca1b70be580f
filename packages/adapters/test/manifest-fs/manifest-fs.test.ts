import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MANIFEST_FILE_BYTE_LIMIT, MANIFEST_TOTAL_BYTE_LIMIT } from "@cloud-ledger/domain";
import { loadProjectManifest, readProjectFromDirectory } from "@cloud-ledger/adapters/manifest-fs";

let root: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "manifest-fs-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("readProjectFromDirectory", () => {
  it("lists files as sorted POSIX paths relative to the root, skipping .git, .meltano and node_modules", () => {
    write("meltano.yml", "project_id: p\n");
    write("environments/prod.meltano.yml", "environments: [{name: prod}]\n");
    write(".meltano/run/x.yml", "a: 1\n");
    write(".git/config", "[core]\n");
    write("node_modules/pkg/a.yml", "a: 1\n");
    write(".hidden/keep.yml", "a: 1\n");
    expect(readProjectFromDirectory(root).listFiles()).toEqual([".hidden/keep.yml", "environments/prod.meltano.yml", "meltano.yml"]);
  });

  it("reads files inside the root only", () => {
    write("meltano.yml", "project_id: p\n");
    write("inner/meltano.yml", "project_id: inner\n");
    const source = readProjectFromDirectory(join(root, "inner"));
    expect(source.readFile("meltano.yml")).toBe("project_id: inner\n");
    expect(source.readFile("missing.yml")).toBeUndefined();
    expect(source.readFile("../meltano.yml")).toBeUndefined();
    expect(source.readFile(join(root, "meltano.yml"))).toBeUndefined();
    expect(source.readFile("")).toBeUndefined();
  });

  it("does not follow a symbolic link cycle", () => {
    write("meltano.yml", "project_id: p\n");
    mkdirSync(join(root, "a"));
    symlinkSync(root, join(root, "a", "loop"));
    // The link is listed (as git lists it) but not walked into.
    expect(readProjectFromDirectory(root).listFiles()).toEqual(["a/loop", "meltano.yml"]);
  });
});

describe("loadProjectManifest", () => {
  it("parses a multi-file project from disk", () => {
    write(
      "meltano.yml",
      "project_id: p\ndefault_environment: prod\ninclude_paths: ['./environments/*.meltano.yml', './orchestrate/*.yml']\n",
    );
    write("environments/prod.meltano.yml", "environments: [{name: prod, env: {A: '1'}}]\n");
    write("orchestrate/jobs.yml", "jobs: [{name: j, tasks: [tap target]}]\nschedules: [{name: s, job: j, interval: '0 6 * * *'}]\n");
    const loaded = loadProjectManifest(root);
    expect(loaded).toEqual({
      _tag: "Right",
      right: {
        manifest: {
          projectId: "p",
          defaultEnvironment: "prod",
          environments: [{ name: "prod", env: { A: "1" } }],
          jobs: [{ name: "j", tasks: ["tap target"] }],
          schedules: [{ name: "s", kind: "job", job: "j", interval: "0 6 * * *" }],
        },
        errors: [],
      },
    });
  });

  it("returns located errors from the files, not an exception", () => {
    write("meltano.yml", "schedules: [{name: s, job: j, interval: 'sometimes'}]\n");
    const loaded = loadProjectManifest(root);
    expect(loaded._tag === "Right" && loaded.right.errors.map((error) => error.path)).toEqual([
      "schedules[0].interval",
      "schedules[0].job",
    ]);
  });

  it("gives a typed error for a missing root, a root that is a file, and a root without meltano.yml", () => {
    expect(loadProjectManifest(join(root, "nope"))).toMatchObject({ _tag: "Left", left: { kind: "project-root-not-found" } });
    write("file.txt", "x");
    expect(loadProjectManifest(join(root, "file.txt"))).toMatchObject({ _tag: "Left", left: { kind: "project-root-not-a-directory" } });
    const empty = loadProjectManifest(root);
    expect(empty).toMatchObject({ _tag: "Left", left: { kind: "meltano-yml-not-found", root } });
    expect(empty._tag === "Left" && empty.left.message).toMatch(/No meltano.yml in/);
  });
});

describe("loadProjectManifest on hostile folders", () => {
  const GOOD = "jobs: [{name: j, tasks: t}]\nschedules: [{name: s, job: j, interval: '@daily'}]\n";
  let outside: string;
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), "manifest-fs-outside-"));
    writeFileSync(join(outside, "secret.yml"), "environments: [{name: stolen, env: {TOKEN: hunter2}}]\n");
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it("refuses a root meltano.yml that is a symbolic link out of the folder", () => {
    symlinkSync(join(outside, "secret.yml"), join(root, "meltano.yml"));
    const loaded = loadProjectManifest(root);
    expect(loaded).toMatchObject({ _tag: "Left", left: { kind: "manifest-is-a-link", file: "meltano.yml", root } });
    expect(loaded._tag === "Left" && loaded.left.message).toMatch(/^Project file 'meltano.yml' is a symbolic link; links are not followed/);
  });

  it("refuses an included file that is a link, and a file reached through a linked folder", () => {
    write("meltano.yml", `include_paths: ['*.meltano.yml']\n${GOOD}`);
    symlinkSync(join(outside, "secret.yml"), join(root, "env.meltano.yml"));
    expect(loadProjectManifest(root)).toMatchObject({ _tag: "Left", left: { kind: "manifest-is-a-link", file: "env.meltano.yml" } });
    symlinkSync(outside, join(root, "linked"));
    expect(() => readProjectFromDirectory(root).readFile("linked/secret.yml")).toThrow(/'linked\/secret.yml' is a symbolic link/);
  });

  it("states the size limit for a project file over it", () => {
    write("meltano.yml", `include_paths: ['*.meltano.yml']\n${GOOD}`);
    write("big.meltano.yml", `# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT)}\n`);
    const loaded = loadProjectManifest(root);
    expect(loaded).toMatchObject({
      _tag: "Left",
      left: { kind: "manifest-too-large", file: "big.meltano.yml", bytes: MANIFEST_FILE_BYTE_LIMIT + 3, limit: MANIFEST_FILE_BYTE_LIMIT },
    });
    write("meltano.yml", `${GOOD}# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT)}\n`);
    expect(loadProjectManifest(root)).toMatchObject({ _tag: "Left", left: { kind: "manifest-too-large", file: "meltano.yml" } });
  });

  it("refuses files that each fit but together pass 16 MiB", () => {
    write("meltano.yml", `include_paths: ['a/*.meltano.yml']\n${GOOD}`);
    for (const index of [1, 2, 3, 4, 5]) write(`a/${index}.meltano.yml`, `# ${"x".repeat(MANIFEST_FILE_BYTE_LIMIT - 100)}\n`);
    const loaded = loadProjectManifest(root);
    expect(loaded).toMatchObject({
      _tag: "Left",
      left: { kind: "manifest-too-large", file: "a/5.meltano.yml", limit: MANIFEST_TOTAL_BYTE_LIMIT },
    });
  });
});
