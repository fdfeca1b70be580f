import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { stringify } from "yaml";
import { parseMeltanoProject, type ManifestParseResult } from "@cloud-ledger/domain";
import { memorySource } from "./sources.js";

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("@daily", "0 0 * * *", "2020-01-01", "a:b", "*/5 * * * *", "constructor", "__proto__"),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 3 }),
  ),
})).value;
const key = fc.constantFrom(
  "__proto__",
  "name",
  "job",
  "interval",
  "extractor",
  "loader",
  "transform",
  "start_date",
  "env",
  "tasks",
  "annotations",
);
const entry = fc.dictionary(key, value, { maxKeys: 6 });
const project = fc.record(
  {
    project_id: scalar,
    default_environment: scalar,
    include_paths: fc.oneof(fc.array(fc.constantFrom("*.yml", "**/*.yml", "./[0-9].yml", "/abs", "../x", "{a,b}.yml")), scalar),
    environments: fc.oneof(fc.array(entry, { maxLength: 4 }), value),
    jobs: fc.oneof(fc.array(entry, { maxLength: 4 }), value),
    schedules: fc.oneof(fc.array(entry, { maxLength: 4 }), value),
  },
  { requiredKeys: [] },
);

/** Every error is located (a file of the project, a string path) and says something. */
function expectWellFormed(result: ManifestParseResult, files: readonly string[]): void {
  for (const error of result.errors) {
    expect(files).toContain(error.file);
    expect(typeof error.path).toBe("string");
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(Array.isArray(result.manifest.schedules)).toBe(true);
}

describe("parseMeltanoProject on arbitrary input", () => {
  test.prop([fc.string({ maxLength: 400 })])("never throws on arbitrary text", (text) => {
    expectWellFormed(parseMeltanoProject(memorySource({ "meltano.yml": text })), ["meltano.yml"]);
  });

  test.prop([project, project, fc.string({ maxLength: 60 }), fc.nat()])(
    "never throws on meltano-shaped YAML, even cut short or with noise spliced in",
    (root, included, noise, cut) => {
      const rootText = stringify(root);
      const position = cut % (rootText.length + 1);
      const files = {
        "meltano.yml": rootText.slice(0, position) + noise + rootText.slice(position),
        "1.yml": stringify(included),
        "sub/2.yml": stringify(included).slice(0, position),
      };
      expectWellFormed(parseMeltanoProject(memorySource(files)), Object.keys(files));
    },
  );

  test.prop([project])("reads well-formed meltano-shaped YAML deterministically", (root) => {
    const source = memorySource({ "meltano.yml": stringify(root) });
    expect(parseMeltanoProject(source)).toEqual(parseMeltanoProject(source));
  });
});
