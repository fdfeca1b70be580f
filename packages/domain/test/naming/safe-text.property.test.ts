import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  decodeControlPlaneCommand,
  describeCodePoint,
  escapeForDisplay,
  firstUnsafeCodePoint,
  isSafeDisplayText,
  parseMeltanoProject,
} from "@cloud-ledger/domain";
import { memorySource } from "../manifest/sources.js";
import { ORG, PK } from "../support/fixtures.js";

/** Every code point the rule refuses, listed independently of the implementation's regular expression. */
const UNSAFE_CODE_POINTS = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];
const UNSAFE = new Set(UNSAFE_CODE_POINTS);
const unsafeCharacter = fc.constantFrom(...UNSAFE_CODE_POINTS).map((cp) => String.fromCodePoint(cp));
const safeText = fc.string({ unit: "grapheme", maxLength: 20 }).filter((s) => [...s].every((c) => !UNSAFE.has(c.codePointAt(0)!)));
/** A safe name with one unsafe character (a lone one, or an ESC sequence / a bidi override pair) put somewhere in it. */
const unsafeName = fc
  .tuple(
    safeText,
    fc.oneof(unsafeCharacter, fc.constantFrom("\u001b[2J", "\u001b]0;owned\u0007", "\u202eevil\u202c", "\u2067x\u2069")),
    safeText,
  )
  .map(([before, bad, after]) => ({ text: `a${before}${bad}${after}`, first: bad.codePointAt(0)! }));

describe("safe display text", () => {
  it("refuses exactly the control and bidi code points, and accepts every other text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const expected = [...text].find((c) => UNSAFE.has(c.codePointAt(0)!))?.codePointAt(0);
        expect(firstUnsafeCodePoint(text)).toBe(expected);
        expect(isSafeDisplayText(text)).toBe(expected === undefined);
      }),
      { numRuns: 2000 },
    );
    for (const cp of UNSAFE_CODE_POINTS) expect(isSafeDisplayText(`x${String.fromCodePoint(cp)}`)).toBe(false);
  });

  it("escapes every unsafe code point visibly, leaves safe text unchanged, and the result is safe", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (text) => {
        const escaped = escapeForDisplay(text);
        expect(isSafeDisplayText(escaped)).toBe(true);
        if (isSafeDisplayText(text)) expect(escaped).toBe(text);
        else expect(escaped).toMatch(/\\u\{[0-9a-f]+\}/);
      }),
      { numRuns: 2000 },
    );
    expect(escapeForDisplay("prod\u001b[2J\u202e")).toBe("prod\\u{1b}[2J\\u{202e}");
  });

  it("names a code point without printing it", () => {
    expect(describeCodePoint(0x1b)).toBe("U+001B (an escape character)");
    expect(describeCodePoint(0x202e)).toBe("U+202E (a right-to-left override)");
    expect(describeCodePoint(0x85)).toBe("U+0085 (a control character)");
  });
});

describe("commands refuse names that are not safe display text", () => {
  const commands = (name: string) => [
    { command: { type: "CreateOrganization", name }, field: "name" },
    { command: { type: "CreateProject", organization: ORG, name, repositoryUrl: "https://github.com/acme/data" }, field: "name" },
    { command: { type: "CreateDeployment", organization: ORG, projectKey: PK, name, environment: "prod", gitRev: "main" }, field: "name" },
    {
      command: { type: "CreateDeployment", organization: ORG, projectKey: PK, name: "prod", environment: name, gitRev: "main" },
      field: "environment",
    },
    {
      command: { type: "CreateDeployment", organization: ORG, projectKey: PK, name: "prod", environment: "prod", gitRev: name },
      field: "gitRev",
    },
    { command: { type: "EnableSchedule", organization: ORG, projectKey: PK, deployment: "prod", schedule: name }, field: "schedule" },
    { command: { type: "RunSchedule", organization: ORG, projectKey: PK, deployment: name, schedule: "s" }, field: "deployment" },
    {
      command: { type: "InstallGitHubApp", organization: ORG, installationId: "1", account: name, accountType: "organization" },
      field: "account",
    },
  ];

  it("with an invalid-command error naming the field and the code point, never the character", () => {
    fc.assert(
      fc.property(unsafeName, ({ text, first }) => {
        for (const { command, field } of commands(text)) {
          const decoded = decodeControlPlaneCommand(command);
          expect(decoded._tag).toBe("Left");
          if (decoded._tag !== "Left") continue;
          expect(decoded.left.code).toBe("invalid-command");
          expect(decoded.left.field).toBe(field);
          expect(decoded.left.message).toContain(`field '${field}' contains ${describeCodePoint(first)}`);
          expect(isSafeDisplayText(decoded.left.message)).toBe(true);
        }
      }),
    );
  });

  it("while safe names still decode", () => {
    fc.assert(
      fc.property(safeText, (text) => {
        for (const { command } of commands(`a${text}`)) expect(decodeControlPlaneCommand(command)._tag).toBe("Right");
      }),
    );
  });
});

describe("meltano.yml names that are not safe display text", () => {
  const yamlString = (text: string) => JSON.stringify(text);
  const cases = (name: string) => [
    { yml: `environments: [{name: ${yamlString(name)}}]\n`, path: "environments[0].name" },
    { yml: `jobs: [{name: ${yamlString(name)}, tasks: [t]}]\n`, path: "jobs[0].name" },
    { yml: `schedules: [{name: ${yamlString(name)}, extractor: tap, loader: target, interval: '@daily'}]\n`, path: "schedules[0].name" },
    {
      yml: `jobs: [{name: j, tasks: [t]}]\nschedules: [{name: s, job: ${yamlString(name)}, interval: '@daily'}]\n`,
      path: "schedules[0].job",
    },
    {
      yml:
        `environments: [{name: prod}]\nschedules:\n- {name: s, extractor: tap, loader: target, interval: '@daily', ` +
        `annotations: {meltano.cloud: {environments: [${yamlString(name)}]}}}\n`,
      path: `schedules[0].annotations["meltano.cloud"].environments[0]`,
    },
  ];

  it("are refused at their file and YAML path, naming the code point and never echoing the name", () => {
    fc.assert(
      fc.property(unsafeName, ({ text, first }) => {
        for (const { yml, path } of cases(text)) {
          const { errors } = parseMeltanoProject(memorySource({ "meltano.yml": yml }));
          const error = errors.find((candidate) => candidate.message.includes(describeCodePoint(first)));
          expect(error, `${path}: ${JSON.stringify(errors)}`).toBeDefined();
          expect(error?.file).toBe("meltano.yml");
          expect(error?.path).toBe(path);
          for (const { message } of errors) expect(isSafeDisplayText(message)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
