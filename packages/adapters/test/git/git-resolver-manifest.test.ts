import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createTempRepository, type TempRepository } from "./temp-repository.js";

// With the domain's real parser: include_paths globs are matched against the files AT THE COMMIT, not the work tree.
let repo: TempRepository;
let v1: string;
let v2: string;

const MAIN = `version: 1
default_environment: staging
include_paths:
  - ./environments/*.meltano.yml
jobs:
  - name: transform-all
    tasks: [dbt:run]
schedules:
  - name: daily-transforms
    job: transform-all
    interval: "0 6 * * *"
`;

beforeAll(() => {
  repo = createTempRepository();
  repo.write({
    "data/meltano.yml": MAIN,
    "data/environments/prod.meltano.yml": "environments:\n  - name: prod\n",
    "data/environments/staging.meltano.yml": "environments:\n  - name: staging\n",
  });
  v1 = repo.commit("two environments");
  repo.write({
    "data/environments/dev.meltano.yml":
      "environments:\n  - name: dev\nschedules:\n  - name: broken\n    job: transform-all\n    interval: every day\n",
  });
  repo.remove("data/environments/staging.meltano.yml");
  v2 = repo.commit("dev replaces staging, with a broken schedule");
  // Uncommitted work must never leak into a resolution.
  repo.write({ "data/environments/uncommitted.meltano.yml": "environments:\n  - name: uncommitted\n" });
});

afterAll(() => repo.dispose());

describe("createGitResolver with parseMeltanoProject", () => {
  it("merges the included files present at each commit", async () => {
    const resolver = createGitResolver();
    const first = await resolver.resolve({ repository: repo.directory, revision: v1, rootPath: "data" });
    const second = await resolver.resolve({ repository: repo.directory, revision: "main", rootPath: "data/" });
    if (first._tag === "Left" || second._tag === "Left") throw new Error("expected both to resolve");
    expect(first.right.manifest.environments.map((environment) => environment.name).sort()).toEqual(["prod", "staging"]);
    expect(first.right.manifest.schedules.map((schedule) => schedule.name)).toEqual(["daily-transforms"]);
    expect(first.right.manifestErrors).toEqual([]);
    expect(second.right.commit).toBe(v2);
    expect(second.right.manifest.environments.map((environment) => environment.name).sort()).toEqual(["dev", "prod"]);
  });

  it("returns what Meltano would reject as located manifest errors, not as a failure", async () => {
    const outcome = await createGitResolver().resolve({ repository: repo.directory, revision: v2, rootPath: "data" });
    if (outcome._tag === "Left") throw new Error(outcome.left.message);
    const error = outcome.right.manifestErrors.find((candidate) => candidate.file === "environments/dev.meltano.yml");
    expect(error?.path).toMatch(/^schedules\[\d+\]\.interval$/);
    expect(error?.message).toContain("every day");
  });
});
