import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { memorySource } from "./sources.js";

const parse = (files: Record<string, string>) => parseMeltanoProject(memorySource(files));

describe("schedules in meltano.yml (rules 33, 34)", () => {
  it("rule 33: given a job schedule with ELT keys, then only the job and interval are kept", () => {
    const { manifest, errors } = parse({
      "meltano.yml":
        "jobs: [{name: j, tasks: [t]}]\n" +
        "schedules: [{name: s, job: j, extractor: tap, loader: target, transform: run, start_date: 2020-01-01, interval: '@daily'}]\n",
    });
    expect(errors).toEqual([]);
    expect(manifest.schedules).toEqual([{ name: "s", kind: "job", job: "j", interval: "@daily" }]);
  });

  it("rule 33: given an ELT schedule without a transform, then it skips transforms; without a loader it is refused", () => {
    expect(
      parse({ "meltano.yml": "schedules: [{name: s, extractor: tap, loader: target, interval: '@daily'}]\n" }).manifest.schedules,
    ).toEqual([{ name: "s", kind: "elt", extractor: "tap", loader: "target", transform: "skip", interval: "@daily" }]);
    expect(parse({ "meltano.yml": "schedules: [{name: s, extractor: tap, interval: '@daily'}]\n" }).errors).toEqual([
      { file: "meltano.yml", path: "schedules[0].loader", message: "Schedule 's' has no loader: expected a string, got nothing" },
    ]);
  });

  it("rule 34: given two schedules with one name, in meltano.yml or a file it includes, then the second is refused where it stands", () => {
    const schedule = "schedules: [{name: nightly, extractor: tap, loader: target, interval: '@daily'}]\n";
    expect(parse({ "meltano.yml": `include_paths: [more.yml]\n${schedule}`, "more.yml": schedule }).errors).toEqual([
      {
        file: "more.yml",
        path: "schedules[0].name",
        message: "Schedule 'nightly' already exists (first defined in meltano.yml at schedules[0])",
      },
    ]);
    expect(
      parse({ "meltano.yml": `include_paths: [more.yml]\n${schedule}`, "more.yml": schedule.replace("nightly", "Nightly") }).errors,
    ).toEqual([]);
  });
});
