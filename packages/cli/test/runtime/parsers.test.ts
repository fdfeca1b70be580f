import { describe, expect, it } from "vitest";
import { CommanderError, InvalidArgumentError } from "commander";
import { parseExecutionId, parseLookback, parseOrganizationName, parseSluggableName, parseUlid } from "../../src/runtime/parsers.js";
import { parseStoreSpec, describeStore } from "../../src/store/store-spec.js";
import { reportError } from "../../src/runtime/report-error.js";
import { CliFailure, UsageError } from "../../src/runtime/cli-errors.js";
import { repositoryArgument } from "../../src/runtime/repository-argument.js";

describe("option parsers", () => {
  it("reads Meltano Cloud lookbacks (weeks ≤3 digits, days 1-6, hours and minutes ≤2 digits)", () => {
    expect(parseLookback("1w2d3h4m")).toBe((((7 + 2) * 24 + 3) * 60 + 4) * 60_000);
    expect(parseLookback("30m")).toBe(30 * 60_000);
    for (const bad of ["", "7d", "1000w", "100h", "1h1w", "2 h"]) expect(() => parseLookback(bad)).toThrow(InvalidArgumentError);
  });

  it("checks ULIDs, execution ids, organization and sluggable names", () => {
    expect(parseUlid("01h1v334b06dfa8j1ry50ed01g")).toBe("01H1V334B06DFA8J1RY50ED01G");
    expect(() => parseUlid("01H1V334B06DFA8J1RY50ED01U")).toThrow("Invalid ULID value: 01H1V334B06DFA8J1RY50ED01U");
    expect(parseExecutionId("a".repeat(32))).toBe("a".repeat(32));
    expect(() => parseExecutionId("A".repeat(32))).toThrow(InvalidArgumentError);
    expect(parseOrganizationName("acme-data")).toBe("acme-data");
    expect(() => parseOrganizationName("Acme")).toThrow(/Invalid organization name 'Acme'/);
    expect(parseSluggableName("Ultra Production")).toBe("Ultra Production");
    expect(() => parseSluggableName("--- ")).toThrow(/no letter or digit/);
  });

  it("reads store specs and never shows a password", () => {
    expect(parseStoreSpec("sqlite:/tmp/x.sqlite")).toEqual({ kind: "sqlite", path: "/tmp/x.sqlite", isDefault: false });
    expect(parseStoreSpec("postgresql://u:p@h/db")).toEqual({ kind: "postgres", url: "postgresql://u:p@h/db" });
    expect(parseStoreSpec("esdb://localhost:2113?tls=false")).toEqual({ kind: "eventstoredb", url: "esdb://localhost:2113?tls=false" });
    expect(() => parseStoreSpec("mysql://h/db")).toThrow(InvalidArgumentError);
    expect(describeStore({ kind: "postgres", url: "postgres://u:secret@h:5432/db" })).toBe("postgres://u:***@h:5432/db");
  });

  it("turns local repository paths into absolute file:// URLs and leaves URLs alone", () => {
    expect(repositoryArgument("./acme", "/work")).toBe("file:///work/acme");
    expect(repositoryArgument("/srv/repos/acme data", "/work")).toBe("file:///srv/repos/acme%20data");
    expect(repositoryArgument("https://github.com/acme/data.git")).toBe("https://github.com/acme/data.git");
    expect(repositoryArgument("git@github.com:acme/data.git")).toBe("git@github.com:acme/data.git");
  });
});

describe("reportError", () => {
  const sink = () => {
    let text = "";
    return { write: (chunk: string) => (text += chunk), text: () => text };
  };
  it("maps usage errors to 2, failures to 1, help/version to 0", () => {
    const err = sink();
    expect(reportError(new UsageError("bad flag"), [], err)).toBe(2);
    expect(reportError(new CliFailure("no such thing", "not-found"), [], err)).toBe(1);
    expect(reportError(new Error("boom"), [], err)).toBe(1);
    expect(reportError(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"), [], err)).toBe(0);
    expect(reportError(new CommanderError(1, "commander.unknownOption", "error: unknown option '--x'"), [], err)).toBe(2);
    expect(err.text()).toBe("error: bad flag\nError: no such thing\nError: boom\n");
  });

  it("writes {error:{code,message}} with --format json", () => {
    const err = sink();
    expect(reportError(new CliFailure("no such thing", "not-found"), ["--format", "json"], err)).toBe(1);
    expect(JSON.parse(err.text())).toEqual({ error: { code: "not-found", message: "no such thing" } });
  });
});
