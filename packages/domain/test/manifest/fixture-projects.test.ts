import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { fixtureProjectRoots, fixtureSource } from "./sources.js";

/**
 * The real projects of fixtures/meltano-projects/SOURCES.md. Counts are for the merged project: the
 * root file's counts from SOURCES.md §1 plus those of the included files in §2 (squared HEAD, multifile,
 * large_config, pixbyt). Jobs are "—" in SOURCES.md for demo-project (no key): 0 here.
 */
const PROJECTS: readonly {
  root: string;
  environments: number;
  schedules: { job: number; elt: number };
  jobs: number;
  errors?: readonly { file: string; path: string; message: RegExp }[];
}[] = [
  { root: "meltano__squared/data", environments: 4, schedules: { job: 16, elt: 0 }, jobs: 18 },
  {
    root: "meltano__squared@fade146/data",
    environments: 0,
    schedules: { job: 10, elt: 0 },
    jobs: 11,
    errors: [
      // 6 fields: the JSON schema allows it, Meltano's is_valid_cron does not.
      { file: "meltano.yml", path: "schedules[9].interval", message: /^Invalid Cron expression or alias: '0 8 \* \* \* 1-5'/ },
      // Its environments lived in included files that were not copied.
      { file: "meltano.yml", path: "default_environment", message: /Environment 'userdev' was not found/ },
    ],
  },
  { root: "meltano__squared@5a0a94d/data", environments: 2, schedules: { job: 0, elt: 0 }, jobs: 0 },
  { root: "meltano__meltano/tests/fixtures/multifile_project", environments: 3, schedules: { job: 0, elt: 3 }, jobs: 1 },
  { root: "meltano__meltano/integration/example-library/meltano-annotations", environments: 3, schedules: { job: 1, elt: 0 }, jobs: 1 },
  { root: "meltano__meltano/tests/fixtures/large_config_project", environments: 0, schedules: { job: 0, elt: 153 }, jobs: 0 },
  { root: "meltano__demo-project", environments: 0, schedules: { job: 0, elt: 2 }, jobs: 0 },
  { root: "MTES-MCT__trackdechets-meltano-workspace", environments: 2, schedules: { job: 6, elt: 0 }, jobs: 6 },
  { root: "MTES-MCT__trackdechets-meltano-workspace@dc47fd5", environments: 2, schedules: { job: 5, elt: 0 }, jobs: 5 },
  { root: "DouweM__pixbyt@bca2f43", environments: 1, schedules: { job: 1, elt: 0 }, jobs: 2 },
  { root: "EJOOSTEROP__mimodast", environments: 3, schedules: { job: 1, elt: 0 }, jobs: 1 },
  { root: "AutoIDM__prodder_public", environments: 4, schedules: { job: 1, elt: 0 }, jobs: 1 },
  { root: "meltano__cron-ext/tests", environments: 3, schedules: { job: 1, elt: 2 }, jobs: 1 },
  { root: "quantile-development__dagster-meltano/meltano_project", environments: 3, schedules: { job: 1, elt: 0 }, jobs: 1 },
  { root: "GaloyMoney__lana-bank@1d066af/meltano", environments: 3, schedules: { job: 7, elt: 0 }, jobs: 8 },
  { root: "aaronsteers__meltano-demo-in-a-box", environments: 3, schedules: { job: 1, elt: 1 }, jobs: 3 },
  { root: "edgarrmondragon__meltano-dogfood@a076369", environments: 3, schedules: { job: 5, elt: 0 }, jobs: 5 },
  { root: "edgarrmondragon__meltano-dogfood", environments: 3, schedules: { job: 0, elt: 0 }, jobs: 4 },
  { root: "lumapps__business-bi@4e7128a/meltano", environments: 2, schedules: { job: 0, elt: 0 }, jobs: 0 },
];

describe("the 20 real-world projects", () => {
  it("covers every project root in the fixtures folder", () => {
    // SOURCES.md's heading says "20 files", but its table (and the folder) hold 19 project roots.
    expect(PROJECTS.map((project) => project.root).sort()).toEqual(fixtureProjectRoots());
  });

  it.each(PROJECTS)("$root parses with the SOURCES.md counts", ({ root, environments, schedules, jobs, errors = [] }) => {
    const { manifest, errors: actual } = parseMeltanoProject(fixtureSource(root));
    expect(manifest.environments).toHaveLength(environments);
    expect(manifest.schedules.filter((schedule) => schedule.kind === "job")).toHaveLength(schedules.job);
    expect(manifest.schedules.filter((schedule) => schedule.kind === "elt")).toHaveLength(schedules.elt);
    expect(manifest.jobs).toHaveLength(jobs);
    expect(actual).toHaveLength(errors.length);
    for (const [index, expected] of errors.entries()) {
      expect(actual[index]).toMatchObject({ file: expected.file, path: expected.path });
      expect(actual[index]?.message).toMatch(expected.message);
    }
  });
});
