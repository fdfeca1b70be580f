import { describe, expect, it } from "vitest";
import { ECHO_LIMIT, echo, parseMeltanoProject } from "@cloud-ledger/domain";
import { memorySource } from "./manifest/sources.js";

const MEGABYTE = 1024 * 1024;
// The longest message one echoed value can make: the limit, the length note and our own words around it.
const BOUND = 2000;

describe("echo", () => {
  it("keeps a short value whole and cuts a long one to the limit, an ellipsis and the original length", () => {
    expect(echo("prod")).toBe("prod");
    expect(echo("x".repeat(ECHO_LIMIT))).toBe("x".repeat(ECHO_LIMIT));
    expect(echo("x".repeat(MEGABYTE))).toBe(`${"x".repeat(ECHO_LIMIT)}… (${MEGABYTE} characters)`);
  });

  it("never splits a surrogate pair", () => {
    const cut = echo(`${"x".repeat(ECHO_LIMIT - 1)}😀${"y".repeat(10)}`);
    expect(cut).toBe(`${"x".repeat(ECHO_LIMIT - 1)}… (${ECHO_LIMIT + 11} characters)`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});

describe("manifest errors bound the input they quote", () => {
  it("a 1 MB name, value, key, include pattern and YAML line each appear cut, in every message", () => {
    const huge = "n".repeat(MEGABYTE);
    const yml = [
      "include_paths: ['" + "p".repeat(MEGABYTE) + "', '/" + huge + "']",
      "default_environment: " + huge,
      "environments: [{name: 'a:" + huge + "'}, {name: e, env: {" + "K".repeat(MEGABYTE) + ": [1]}}]",
      "jobs: [{name: " + huge + "}, {name: j, tasks: t}]",
      "schedules:",
      "- {name: " + huge + ", job: j, interval: '" + "i".repeat(MEGABYTE) + "', transform: " + huge + "}",
      "- {name: " + huge + ", job: " + huge + ", interval: '@daily'}",
      "- {" + "k".repeat(MEGABYTE) + ": {nested: [1, 2]}, name: s2, job: j, interval: '@daily', extractor: [x]}",
      "broken: [" + "b".repeat(MEGABYTE),
    ].join("\n");
    const { errors } = parseMeltanoProject(memorySource({ "meltano.yml": yml }));
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.message.length).toBeLessThan(BOUND);
      expect(error.path.length).toBeLessThan(BOUND);
    }
    const parsed = parseMeltanoProject(memorySource({ "meltano.yml": yml.split("\nbroken")[0] ?? "" }));
    const messages = parsed.errors.map((error) => error.message).join("\n");
    expect(messages).toContain(`… (${MEGABYTE} characters)`);
    // picomatch throws on a pattern over 64 KiB: a located problem now, not a crash of the parser.
    expect(messages).toMatch(/Include pattern 'p{200}… \(1048576 characters\)' is not a glob pattern that can be matched/);
    expect(messages).toMatch(/Invalid Cron expression or alias: 'i{200}… \(1048576 characters\)'/);
    for (const error of parsed.errors) expect(error.message.length).toBeLessThan(BOUND);
  });
});
