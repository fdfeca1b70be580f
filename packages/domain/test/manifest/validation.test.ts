import { describe, expect, it } from "vitest";
import { parseMeltanoProject } from "@cloud-ledger/domain";
import { memorySource } from "./sources.js";

const parse = (meltanoYml: string, more: Record<string, string> = {}) =>
  parseMeltanoProject(memorySource({ "meltano.yml": meltanoYml, ...more }));

const jobSchedule = (interval: string) => `jobs: [{name: j, tasks: [t]}]\nschedules:\n- name: s\n  job: j\n  interval: "${interval}"\n`;

describe("validation", () => {
  it.each([
    "@hourly",
    "@daily",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
    "@midnight",
    "@once",
    "@manual",
    "@none",
    "0 0 * * *",
    "*/15 * * * *",
    "15,45 */2 * * 1,3,5",
    "0 0 * JAN,dec MON-FRI",
    "0 0 * * 7",
    "0 0 ? * *",
    "0 0 L * *",
    "0 0 1,L * *",
    "0 0 * * fri-mon",
    "5 * */2 * 5,6,0",
    "*/23 13-22 * * 1-5",
    "0 0 1-31/2 * *",
  ])("accepts the interval %s", (interval) => {
    expect(parse(jobSchedule(interval)).errors).toEqual([]);
  });

  it.each([
    "0 8 * * * 1-5",
    "* * * *",
    "60 * * * *",
    "0 24 * * *",
    "0 0 0 * *",
    "0 0 * 13 *",
    "0 0 * * 8",
    "@every 5m",
    "0 0 * * 5L",
    "0 0 * * 1#2",
    "H * * * *",
    "*/0 * * * *",
    "0 0 31 2 *",
    "0 0 ? ? ?",
    "5-1 * * * *",
    "1,99 * * * *",
    "",
  ])("rejects the interval '%s' with the rulebook's text, its path and its value", (interval) => {
    const { errors } = parse(jobSchedule(interval));
    expect(errors).toEqual([
      {
        file: "meltano.yml",
        path: "schedules[0].interval",
        message: `Invalid Cron expression or alias: '${interval}'. Please use a valid cron expression`,
      },
    ]);
  });

  it("requires environment names to be unique, also across included files", () => {
    const { errors } = parse("include_paths: ['./envs/*.yml']\nenvironments: [{name: prod}]\n", {
      "envs/a.yml": "environments: [{name: staging}, {name: prod}]\n",
    });
    expect(errors).toEqual([
      {
        file: "envs/a.yml",
        path: "environments[1].name",
        message: "An Environment named 'prod' already exists. (first defined in meltano.yml at environments[0])",
      },
    ]);
  });

  it("requires schedule names to be unique, also across included files", () => {
    const schedule = "schedules: [{name: s, extractor: tap, loader: target, interval: '@daily'}]\n";
    const { errors } = parse(`include_paths: [more.yml]\n${schedule}`, { "more.yml": schedule });
    expect(errors).toEqual([
      {
        file: "more.yml",
        path: "schedules[0].name",
        message: "Schedule 's' already exists (first defined in meltano.yml at schedules[0])",
      },
    ]);
  });

  it("rejects an environment name containing ':'", () => {
    expect(parse("environments: [{name: 'prod:eu'}]\n").errors).toEqual([
      {
        file: "meltano.yml",
        path: "environments[0].name",
        message: "The environment name 'prod:eu' cannot contain the state ID component delimiter string ':'",
      },
    ]);
  });

  it("requires a job schedule to name an existing job", () => {
    expect(parse("schedules: [{name: s, job: missing, interval: '@daily'}]\n").errors).toEqual([
      { file: "meltano.yml", path: "schedules[0].job", message: "Job 'missing' was not found (named by schedule 's')" },
    ]);
  });

  it("requires an ELT schedule to have an extractor and a loader, and a known transform", () => {
    const { manifest, errors } = parse("schedules: [{name: s, interval: '@daily', transform: maybe}]\n");
    expect(manifest.schedules).toEqual([]);
    expect(errors).toEqual([
      { file: "meltano.yml", path: "schedules[0].extractor", message: "Schedule 's' has no extractor: expected a string, got nothing" },
      { file: "meltano.yml", path: "schedules[0].loader", message: "Schedule 's' has no loader: expected a string, got nothing" },
      {
        file: "meltano.yml",
        path: "schedules[0].transform",
        message: "Schedule 's' has transform 'maybe': expected one of run, skip, only",
      },
    ]);
  });

  it("defaults an ELT schedule's transform to skip and ignores ELT keys on a job schedule", () => {
    const { manifest } = parse(`
jobs: [{name: j, tasks: [t]}]
schedules:
- {name: elt, extractor: tap, loader: target, interval: '@daily'}
- {name: job, job: j, extractor: tap, transform: only, start_date: 2020-01-01, interval: '@daily'}
`);
    expect(manifest.schedules).toEqual([
      { name: "elt", kind: "elt", extractor: "tap", loader: "target", transform: "skip", interval: "@daily" },
      { name: "job", kind: "job", job: "j", interval: "@daily" },
    ]);
  });

  it("requires a name on every entry and an interval on every schedule", () => {
    const { errors } = parse("environments: [{env: {A: b}}]\nschedules: [{name: s, job: j}]\njobs: [{name: j, tasks: []}]\n");
    expect(errors).toEqual([
      { file: "meltano.yml", path: "environments[0].name", message: "Environment has no name: expected a string, got nothing" },
      {
        file: "meltano.yml",
        path: "schedules[0].interval",
        message: "Schedule 's' has no interval: expected a cron expression or alias, got nothing",
      },
    ]);
  });

  it("requires default_environment to name a defined environment", () => {
    expect(parse("default_environment: dev\nenvironments: [{name: prod}]\n").errors).toEqual([
      { file: "meltano.yml", path: "default_environment", message: "Environment 'dev' was not found (default_environment)" },
    ]);
  });

  it("reads env maps, keeping numbers as written, and reports non-string values", () => {
    const { manifest, errors } = parse("environments:\n- name: prod\n  env: {PORT: 05432, DEBUG: true, NESTED: {a: 1}}\n");
    expect(manifest.environments[0]?.env).toEqual({ PORT: "05432", DEBUG: "true" });
    expect(errors).toEqual([
      {
        file: "meltano.yml",
        path: "environments[0].env.NESTED",
        message: "Environment variable 'NESTED' must be a string, got a mapping {\"a\":1}",
      },
    ]);
  });

  it("keeps an env variable named __proto__ as plain data", () => {
    const env = parse("environments:\n- name: prod\n  env: {__proto__: x, constructor: y}\n").manifest.environments[0]?.env ?? {};
    expect(Object.entries(env)).toEqual([
      ["__proto__", "x"],
      ["constructor", "y"],
    ]);
  });

  it("reads job tasks in all their forms and reports the others", () => {
    const { manifest, errors } = parse(
      "jobs:\n- {name: a, tasks: 'tap target'}\n- {name: b, tasks: [x, [y, z]]}\n- {name: c, tasks: [{bad: 1}]}\n",
    );
    expect(manifest.jobs).toEqual([
      { name: "a", tasks: ["tap target"] },
      { name: "b", tasks: ["x", ["y", "z"]] },
      { name: "c", tasks: [] },
    ]);
    expect(errors).toEqual([
      {
        file: "meltano.yml",
        path: "jobs[2].tasks[0]",
        message: "A task of job 'c' must be a string or a list of strings, got a mapping {\"bad\":1}",
      },
    ]);
  });
});

describe("the meltano.cloud environments annotation", () => {
  const withAnnotation = (annotation: string) =>
    parse(
      `environments: [{name: prod}, {name: staging}]\njobs: [{name: j, tasks: []}]\nschedules:\n- name: s\n  job: j\n  ` +
        `interval: '@daily'\n  annotations:\n    ${annotation}\n`,
    );

  it("limits a schedule to the listed environments", () => {
    const { manifest, errors } = withAnnotation("meltano.cloud: {environments: [prod]}");
    expect(errors).toEqual([]);
    expect(manifest.schedules[0]?.cloudEnvironments).toEqual(["prod"]);
  });

  it("leaves the schedule in every environment when the list is empty or absent", () => {
    expect(withAnnotation("meltano.cloud: {environments: []}").manifest.schedules[0]).not.toHaveProperty("cloudEnvironments");
    expect(withAnnotation("other-vendor: {environments: [prod]}").manifest.schedules[0]).not.toHaveProperty("cloudEnvironments");
  });

  it("reports an environments annotation that is not a list", () => {
    expect(withAnnotation("meltano.cloud: {environments: prod}").errors).toEqual([
      {
        file: "meltano.yml",
        path: 'schedules[0].annotations["meltano.cloud"].environments',
        message: "Expected a list of environment names, got 'prod'",
      },
    ]);
  });
});
