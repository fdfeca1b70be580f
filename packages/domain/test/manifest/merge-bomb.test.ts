import { describe, expect, it } from "vitest";
import { MERGE_ENTRY_BUDGET, parseMeltanoProject } from "@cloud-ledger/domain";
import { mergeBombYaml } from "./merge-bomb-yaml.js";
import { memorySource } from "./sources.js";

const parse = (files: Record<string, string>) => parseMeltanoProject(memorySource(files));

describe("YAML merge keys within a budget", () => {
  it("refuses the 742-byte merge bomb with an error at the mapping that crosses the budget", () => {
    const bomb = mergeBombYaml();
    expect(Buffer.byteLength(bomb)).toBe(742);
    const { manifest, errors } = parse({ "meltano.yml": bomb });
    expect(errors).toEqual([
      {
        file: "meltano.yml",
        path: "x6",
        message: `Refusing this file: its << merge keys expand to more than ${MERGE_ENTRY_BUDGET} entries (a YAML merge bomb?)`,
      },
    ]);
    expect(manifest).toEqual({ environments: [], jobs: [], schedules: [] });
  });

  it("refuses a bomb in an included file, naming that file", () => {
    const { errors } = parse({ "meltano.yml": "include_paths: ['*.meltano.yml']\n", "a.meltano.yml": mergeBombYaml() });
    expect(errors).toEqual([expect.objectContaining({ file: "a.meltano.yml", path: "x6" })]);
  });

  it("counts merged sources each time they are named, so many copies of one big anchor are refused too", () => {
    const keys = Array.from({ length: 2000 }, (_, index) => `k${index}: ${index}`).join(", ");
    const copies = Array.from({ length: 600 }, () => "*big").join(", ");
    const { errors } = parse({ "meltano.yml": `big: &big {${keys}}\nmany: {<<: [${copies}]}\n` });
    expect(errors).toEqual([expect.objectContaining({ file: "meltano.yml", path: "many" })]);
  });

  it("refuses inline merges nested deeper than the limit", () => {
    const nested = `${"{<<: ".repeat(80)}{a: 1}${"}".repeat(80)}`;
    const { errors } = parse({ "meltano.yml": `deep: ${nested}\n` });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe("meltano.yml");
    expect(errors[0]?.message).toMatch(/nest more than 64 levels deep/);
  });

  it("still reads ordinary merges, shared anchors and a merge naming its own mapping", () => {
    const { manifest, errors } = parse({
      "meltano.yml": `
base: &base {interval: "@daily", job: j}
level: &level {<<: [*base, *base]}
self: &self {<<: *self, note: x}
jobs: [{name: j, tasks: t}]
schedules:
- {<<: [*level, *level], name: one}
- {<<: *level, name: two, interval: "@hourly"}
`,
    });
    expect(errors).toEqual([]);
    expect(manifest.schedules).toEqual([
      { kind: "job", name: "one", interval: "@daily", job: "j" },
      { kind: "job", name: "two", interval: "@hourly", job: "j" },
    ]);
  });
});

describe("YAML aliases", () => {
  // yaml's own Alias.resolve walks the whole document per call; 3000 aliases took over a minute before.
  it("resolves thousands of aliases in one pass over the document", { timeout: 20_000 }, () => {
    const schedules = Array.from({ length: 3000 }, (_, index) => `- {name: s${index}, job: *job, interval: *interval}`).join("\n");
    const { manifest, errors } = parse({
      "meltano.yml": `x-interval: &interval "@daily"\njobs: [{name: &job j, tasks: t}]\nschedules:\n${schedules}\n`,
    });
    expect(errors).toEqual([]);
    expect(manifest.schedules).toHaveLength(3000);
    expect(manifest.schedules[2999]).toEqual({ kind: "job", name: "s2999", job: "j", interval: "@daily" });
  });
});
