import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRulesIndex, citedRules, parseRulesIndex, type Repository, type RulesIndexProblem } from "./support/rules-index.js";

const root = join(import.meta.dirname, "..");
/** Where a citation counts: every package's src and test folders (new packages included), the cross-package tests, bench. */
const CITING_FOLDERS = [
  ...readdirSync(join(root, "packages")).flatMap((name) => [`packages/${name}/src`, `packages/${name}/test`]),
  "tests",
  "bench/src",
].filter((folder) => existsSync(join(root, folder)));
// The checker and its tests quote made-up citations on purpose (to prove they are caught); they are not citations.
const NOT_CITING = new Set(["tests/rules-index.test.ts", "tests/support/rules-index.ts"]);

function codeFiles(folder: string): string[] {
  const absolute = join(root, folder);
  const found: string[] = [];
  for (const name of readdirSync(absolute)) {
    if (name === "node_modules" || name === "dist" || name === "fixtures") continue;
    const path = join(absolute, name);
    if (statSync(path).isDirectory()) found.push(...codeFiles(relative(root, path)));
    else if (/\.(?:[cm]?[jt]s|tsx)$/.test(name)) found.push(relative(root, path));
  }
  return found;
}

function readIfFile(path: string): string | undefined {
  try {
    return statSync(join(root, path)).isFile() ? readFileSync(join(root, path), "utf8") : undefined;
  } catch {
    return undefined;
  }
}

describe("docs/rules.md, against the repository", () => {
  it("has an entry for every cited rule and for rules 1-54; every named file exists; every named test cites its rule", () => {
    const citingFiles = CITING_FOLDERS.flatMap(codeFiles)
      .filter((path) => !NOT_CITING.has(path))
      .map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
    expect(citingFiles.length).toBeGreaterThan(100);
    const problems = checkRulesIndex(readFileSync(join(root, "docs/rules.md"), "utf8"), { citingFiles, read: readIfFile });
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });
});

/** A repository of in-memory files; `citing` are the sources whose citations count. */
function repository(files: Record<string, string>, citing: readonly string[] = []): Repository {
  return { citingFiles: citing.map((path) => ({ path, text: files[path] ?? "" })), read: (path) => files[path] };
}

const HEADER = "| id | rule | enforced by | tested by | status |\n|---|---|---|---|---|\n";
/** Rules 1..54, each enforced by src.ts and tested by a test that cites them all. */
const allDomainRows = Array.from(
  { length: 54 },
  (_, i) => `| ${i + 1} | statement ${i + 1} | \`src.ts\` | \`all.test.ts\` | enforced |`,
).join("\n");
const baseFiles = { "src.ts": "export {};", "all.test.ts": "// rules 1-54" };
const index = (extraRows = ""): string => `# Rules\n\n${HEADER}${allDomainRows}\n${extraRows}`;
const kinds = (problems: readonly RulesIndexProblem[]): string[] =>
  problems.map((problem) => `${problem.kind}:${"rule" in problem ? problem.rule : ""}`);

describe("the rules-index checker", () => {
  it("given a complete index whose files exist and cite their rules, then it finds nothing", () => {
    expect(checkRulesIndex(index(), repository(baseFiles, ["src.ts"]))).toEqual([]);
  });

  it("(a) given a source citing a rule with no entry, then it names the rule and the file", () => {
    const files = { ...baseFiles, "cli.ts": "// Rule L9: the last owner stays; see also port rule 8" };
    const problems = checkRulesIndex(index(), repository(files, ["cli.ts"]));
    expect(problems).toEqual([
      expect.objectContaining({ kind: "cited-without-entry", rule: "L9", file: "cli.ts" }),
      expect.objectContaining({ kind: "cited-without-entry", rule: "P8", file: "cli.ts" }),
    ]);
  });

  it("(b) given an entry naming a file that does not exist, then it names the rule and the file", () => {
    const row = "| L1 | ids are stable | `src.ts`, `gone.ts` | `l1.test.ts` | enforced |";
    const problems = checkRulesIndex(index(row), repository({ ...baseFiles, "l1.test.ts": "it('rule L1')" }));
    expect(problems).toEqual([expect.objectContaining({ kind: "missing-file", rule: "L1", file: "gone.ts" })]);
  });

  it("(c) given an enforced or partly entry without an enforcing file or a test file, then it says which is missing", () => {
    const rows = ["| L1 | a | | `l.test.ts` | enforced |", "| L2 | b | `src.ts` | | partly |", "| L3 | c | | | open: issue 15 |"].join(
      "\n",
    );
    const problems = checkRulesIndex(index(rows), repository({ ...baseFiles, "l.test.ts": "rules L1-L2" }));
    expect(kinds(problems)).toEqual(["no-enforcing-file:L1", "no-test-file:L2"]);
  });

  it("(d) given an index without some of rules 1-54, then it names each missing rule", () => {
    const withoutTwo = index()
      .replace(/^\| 7 \|.*\n/m, "")
      .replace(/^\| 54 \|.*$/m, "");
    expect(kinds(checkRulesIndex(withoutTwo, repository(baseFiles)))).toEqual(["missing-domain-rule:7", "missing-domain-rule:54"]);
  });

  it("(e) given an entry whose test file never cites its rule, then the link is reported", () => {
    const row = "| L1 | ids are stable | `src.ts` | `other.test.ts` | enforced |";
    const problems = checkRulesIndex(
      index(row),
      repository({ ...baseFiles, "other.test.ts": "it('rule 1: something else'); // L1 alone is no citation" }),
    );
    expect(problems).toEqual([expect.objectContaining({ kind: "test-does-not-cite", rule: "L1", file: "other.test.ts" })]);
  });

  it("given a malformed row or a rule listed twice, then both are reported with their line", () => {
    const rows = [
      "| L1 | a | `src.ts` | `all.test.ts` | done |",
      "| 12 | again | `src.ts` | `all.test.ts` | enforced |",
      "| x1 | a | b | c | enforced |",
    ].join("\n");
    const problems = checkRulesIndex(index(rows), repository(baseFiles));
    expect(kinds(problems)).toEqual(["malformed-entry:", "malformed-entry:", "duplicate-entry:12"]);
    expect(problems[0]?.message).toContain("line 59");
  });
});

describe("reading citations", () => {
  it.each([
    ["// rule 12", ["12"]],
    ["/** Rules 15-17: name stays */", ["15", "16", "17"]],
    ["(rules 9, 10)", ["9", "10"]],
    ["Rule 21 and 13", ["21", "13"]],
    ["rules 1-7, 14, 26 and 27", ["1", "2", "3", "4", "5", "6", "7", "14", "26", "27"]],
    ["rules 29–31", ["29", "30", "31"]],
    ["it('Rule L2: no secret')", ["L2"]],
    ["rules L1-L3", ["L1", "L2", "L3"]],
    ["(port rule 4: all of it)", ["P4"]],
    ["unique names (rules 34, env service)", ["34"]],
    ["the rulebook (§3.6), a ruleset 5, overrule 6, schedules 7", []],
  ])("%s cites %j", (text, expected) => {
    expect(citedRules(text)).toEqual(expected);
  });

  it("reads statuses, with or without a note, and backticked paths from entry rows", () => {
    const rows = [
      "| 44 | credits | `a.ts` (planned) | `b.test.ts` | open: issue 14 |",
      "| L3 | chains | `c.ts`, `d.ts` | `e.test.ts` | partly (no head record) |",
    ];
    const { entries, problems } = parseRulesIndex(`${HEADER}${rows.join("\n")}`);
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { id: "44", statement: "credits", enforcedBy: ["a.ts"], testedBy: ["b.test.ts"], status: { kind: "open", issue: 14 }, line: 3 },
      { id: "L3", statement: "chains", enforcedBy: ["c.ts", "d.ts"], testedBy: ["e.test.ts"], status: { kind: "partly" }, line: 4 },
    ]);
  });
});
