import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { memorySource } from "./sources.js";

const env = (name: string) => `environments: [{name: ${name}}]\n`;

describe("include_paths", () => {
  it("globs with *, ** and [0-9] classes, de-duplicates in order and never re-includes meltano.yml", () => {
    const { manifest, errors } = parseMeltanoProject(
      memorySource({
        "meltano.yml": "include_paths: ['./sub_[0-9].yml', './*/sub_[0-9].yml', './*/**/sub_[0-9].yml', '*.yml']\n" + env("root"),
        "sub_2.yml": env("two"),
        "sub_1.yml": env("one"),
        "sub_x.yml": env("x"),
        "a/sub_3.yml": env("a3"),
        "a/b/c/sub_4.yml": env("abc4"),
        ".hidden/sub_5.yml": env("hidden5"),
      }),
    );
    expect(errors).toEqual([]);
    // Pattern by pattern, each pattern's matches sorted; `**` also matches no folder at all.
    expect(manifest.environments.map((environment) => environment.name)).toEqual(["root", "one", "two", "hidden5", "a3", "abc4", "x"]);
  });

  it("lets included files override scalars and concatenates their lists", () => {
    const { manifest } = parseMeltanoProject(
      memorySource({
        "meltano.yml": "project_id: root-id\ninclude_paths: [extra.yml]\njobs: [{name: a, tasks: []}]\n",
        "extra.yml": "project_id: included-id\njobs: [{name: b, tasks: []}]\n",
      }),
    );
    expect(manifest.projectId).toBe("included-id");
    expect(manifest.jobs.map((job) => job.name)).toEqual(["a", "b"]);
  });

  it("follows include_paths of meltano.yml only, not of included files", () => {
    const { manifest } = parseMeltanoProject(
      memorySource({
        "meltano.yml": "include_paths: [a.yml]\n",
        "a.yml": `include_paths: [b.yml]\n${env("a")}`,
        "b.yml": env("b"),
      }),
    );
    expect(manifest.environments.map((environment) => environment.name)).toEqual(["a"]);
  });

  it("reports bad patterns and included files that are empty or not mappings", () => {
    const { errors } = parseMeltanoProject(
      memorySource({
        "meltano.yml": "include_paths: ['/etc/*.yml', '../up.yml', 7, empty.yml, list.yml]\n",
        "empty.yml": "# nothing here\n",
        "list.yml": "- a\n",
      }),
    );
    expect(errors).toEqual([
      { file: "meltano.yml", path: "include_paths[0]", message: "Include pattern '/etc/*.yml' must be relative to the project root" },
      { file: "meltano.yml", path: "include_paths[1]", message: "Include pattern '../up.yml' points outside the project root" },
      { file: "empty.yml", path: "", message: "A Meltano project file must be a mapping of top-level keys, got null" },
      { file: "list.yml", path: "", message: 'A Meltano project file must be a mapping of top-level keys, got a list ["a"]' },
    ]);
  });

  it("reports include_paths that is not a list", () => {
    expect(parseMeltanoProject(memorySource({ "meltano.yml": "include_paths: {a: 1}\n" })).errors).toEqual([
      { file: "meltano.yml", path: "include_paths", message: 'Expected a list of glob patterns at include_paths, got a mapping {"a":1}' },
    ]);
  });

  it("reports a listed file that cannot be read", () => {
    const source = {
      listFiles: () => ["meltano.yml", "gone.yml"],
      readFile: (path: string) => (path === "meltano.yml" ? "include_paths: [gone.yml]\n" : undefined),
    };
    expect(parseMeltanoProject(source).errors).toEqual([
      { file: "meltano.yml", path: "include_paths", message: "Included path 'gone.yml' not found." },
    ]);
  });
});
