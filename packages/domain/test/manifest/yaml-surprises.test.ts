import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { memorySource } from "./sources.js";

const parse = (meltanoYml: string, more: Record<string, string> = {}) =>
  parseMeltanoProject(memorySource({ "meltano.yml": meltanoYml, ...more }));

describe("YAML surprises", () => {
  it("reports a missing meltano.yml instead of throwing", () => {
    const { manifest, errors } = parseMeltanoProject(memorySource({ "other.yml": "a: 1" }));
    expect(manifest).toEqual({ environments: [], jobs: [], schedules: [] });
    expect(errors).toEqual([{ file: "meltano.yml", path: "", message: "No meltano.yml at the project root" }]);
  });

  it("keeps names written as numbers, booleans and dates as they were spelled", () => {
    const { manifest, errors } = parse(`
environments:
- name: 0010
- name: yes
- name: 2024-01-01
jobs:
- name: 42
  tasks: tap target
schedules:
- name: 1.10
  job: 42
  interval: "@daily"
`);
    expect(errors).toEqual([]);
    expect(manifest.environments.map((environment) => environment.name)).toEqual(["0010", "yes", "2024-01-01"]);
    expect(manifest.jobs).toEqual([{ name: "42", tasks: ["tap target"] }]);
    expect(manifest.schedules[0]).toMatchObject({ name: "1.10", job: "42" });
  });

  it("treats null sections as empty", () => {
    const { manifest, errors } = parse("environments:\nschedules: ~\njobs: null\nproject_id: p\n");
    expect(errors).toEqual([]);
    expect(manifest).toEqual({ projectId: "p", environments: [], jobs: [], schedules: [] });
  });

  it("follows anchors, aliases and << merge keys; explicit keys win over merged ones", () => {
    const { manifest, errors } = parse(`
x-defaults: &defaults
  interval: "@hourly"
  job: load
jobs:
- &job
  name: load
  tasks: [tap target]
schedules:
- <<: *defaults
  name: hourly-load
- <<: [*defaults]
  name: daily-load
  interval: "0 3 * * *"
`);
    expect(errors).toEqual([]);
    expect(manifest.schedules).toEqual([
      { name: "hourly-load", kind: "job", interval: "@hourly", job: "load" },
      { name: "daily-load", kind: "job", interval: "0 3 * * *", job: "load" },
    ]);
  });

  it("locates a duplicate key and names it", () => {
    const { errors } = parse(`
schedules:
- name: a
  interval: "@daily"
  interval: "@hourly"
  extractor: tap
  loader: target
`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: "meltano.yml", path: "schedules[0].interval" });
    expect(errors[0]?.message).toMatch(/^Duplicate key 'interval'/);
  });

  it("locates a syntax error in an included file", () => {
    const { errors } = parse("include_paths: [extra.yml]\n", { "extra.yml": "schedules:\n- name: [broken\n" });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.file).toBe("extra.yml");
    expect(errors[0]?.message).toMatch(/^Invalid YAML near '/);
  });

  it("rejects a file holding several YAML documents, and a root that is not a mapping", () => {
    expect(parse("a: 1\n---\nb: 2\n").errors[0]?.message).toMatch(/multiple documents/);
    expect(parse("- just\n- a list\n").errors).toEqual([
      {
        file: "meltano.yml",
        path: "",
        message: 'A Meltano project file must be a mapping of top-level keys, got a list ["just","a list"]',
      },
    ]);
  });

  it("reads an explicit `interval: null` as manual-only, as Meltano core does", () => {
    const { manifest, errors } = parse("jobs: [{name: j, tasks: []}]\nschedules:\n- name: s\n  job: j\n  interval:\n");
    expect(errors).toEqual([]);
    expect(manifest.schedules[0]?.interval).toBe("@none");
  });

  it("reports a section of the wrong shape with its value", () => {
    expect(parse("schedules:\n  name: not-a-list\n").errors).toEqual([
      { file: "meltano.yml", path: "schedules", message: 'Expected a list at schedules, got a mapping {"name":"not-a-list"}' },
    ]);
    expect(parse("environments: [prod]\n").errors).toEqual([
      { file: "meltano.yml", path: "environments[0]", message: "Expected an environment mapping with a name, got 'prod'" },
    ]);
  });
});
