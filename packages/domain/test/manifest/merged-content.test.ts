import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { fixtureSource } from "./sources.js";

describe("what the real projects contain once merged", () => {
  it("multifile_project merges three files in include order, with unquoted dates kept as written", () => {
    const { manifest } = parseMeltanoProject(fixtureSource("meltano__meltano/tests/fixtures/multifile_project"));
    expect(manifest.environments.map((environment) => environment.name)).toEqual([
      "test-meltano-environment",
      "test-subconfig-2-yml",
      "test-subconfig-1-yml",
    ]);
    expect(manifest.environments[0]?.env).toEqual({ TEST: "TEST-MELTANO" });
    expect(manifest.schedules[0]).toEqual({
      name: "test-meltano-yml",
      kind: "elt",
      interval: "@daily",
      extractor: "tap-meltano-yml",
      loader: "target-meltano-yml",
      transform: "skip",
      startDate: "2020-08-05T00:00:00Z",
    });
    expect(manifest.jobs[0]?.tasks).toEqual(["tap-meltano-yml map-meltano-yml target-meltano-yml"]);
    expect(manifest.defaultEnvironment).toBe("test-meltano-environment");
  });

  it("pixbyt finds its schedule in apps.yml and the job it names in apps/hello-world/pixbyt.yml", () => {
    const { manifest, errors } = parseMeltanoProject(fixtureSource("DouweM__pixbyt@bca2f43"));
    expect(errors).toEqual([]);
    expect(manifest.schedules).toEqual([{ name: "hello-world", kind: "job", interval: "0 * * * *", job: "hello-world" }]);
    expect(manifest.jobs.map((job) => job.name)).toEqual(["hello-world", "hello-world--webp"]);
  });

  it("squared takes everything from included files, and keeps the root's project settings", () => {
    const { manifest } = parseMeltanoProject(fixtureSource("meltano__squared/data"));
    expect(manifest.projectId).toBe("c15e971a-d318-4a9d-979b-1039ce5fd1b1");
    expect(manifest.defaultEnvironment).toBe("userdev");
    // environments/*.meltano.yml, sorted, then orchestrate/*.meltano.yml.
    expect(manifest.environments.map((environment) => environment.name)).toEqual(["cicd", "prod", "staging", "userdev"]);
    expect(manifest.schedules.map((schedule) => schedule.interval)).toContain("0 12 * * 1,3,5");
  });

  it("keeps microsecond start dates and mixed-case names as strings", () => {
    const { manifest } = parseMeltanoProject(fixtureSource("aaronsteers__meltano-demo-in-a-box"));
    const elt = manifest.schedules.find((schedule) => schedule.kind === "elt");
    expect(elt).toMatchObject({ interval: "@once", startDate: "2022-10-01 18:08:45.303947" });
    const mimodast = parseMeltanoProject(fixtureSource("EJOOSTEROP__mimodast")).manifest;
    expect(mimodast.schedules[0]).toMatchObject({ name: "USGS-Earthquake", kind: "job", interval: "35 */1 * * *" });
  });

  it("strips the trailing comment from an interval and reads a job schedule with extra keys", () => {
    const { manifest } = parseMeltanoProject(fixtureSource("AutoIDM__prodder_public"));
    expect(manifest.schedules[0]?.interval).toBe("*/23 13-22 * * 1-5");
    expect(manifest.projectId).toBe("prodder-demo-project-public");
  });
});
