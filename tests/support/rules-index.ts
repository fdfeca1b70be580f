/**
 * Keeps docs/rules.md honest: every rule the code cites has an entry, every entry points at files that exist, and the
 * test files an entry names really cite that rule. Pure over in-memory text so each check can be shown rejecting a fixture.
 *
 * Rule ids: `1`..`54` are the rulebook's numbered rules, `L<n>` the library's own rules, `P<n>` the event-store port's
 * contract (the numbered list in packages/domain/src/ports/event-store.ts, cited as "port rule N").
 */

export const DOMAIN_RULE_COUNT = 54;

export type RuleStatus = { readonly kind: "enforced" } | { readonly kind: "partly" } | { readonly kind: "open"; readonly issue: number };

export interface RuleEntry {
  readonly id: string;
  readonly statement: string;
  readonly enforcedBy: readonly string[];
  readonly testedBy: readonly string[];
  readonly status: RuleStatus;
  /** 1-based line in docs/rules.md, for messages. */
  readonly line: number;
}

export type RulesIndexProblem =
  | { readonly kind: "malformed-entry"; readonly line: number; readonly message: string }
  | { readonly kind: "duplicate-entry"; readonly rule: string; readonly line: number; readonly message: string }
  | { readonly kind: "cited-without-entry"; readonly rule: string; readonly file: string; readonly message: string }
  | { readonly kind: "missing-file"; readonly rule: string; readonly file: string; readonly message: string }
  | { readonly kind: "no-enforcing-file" | "no-test-file"; readonly rule: string; readonly message: string }
  | { readonly kind: "missing-domain-rule"; readonly rule: string; readonly message: string }
  | { readonly kind: "test-does-not-cite"; readonly rule: string; readonly file: string; readonly message: string };

/** What the checker reads besides the index: the files whose citations count, and any file by path (undefined = missing). */
export interface Repository {
  readonly citingFiles: readonly { readonly path: string; readonly text: string }[];
  read(path: string): string | undefined;
}

const ENTRY_HEADER = ["id", "rule", "enforced by", "tested by", "status"];
const RULE_ID = /^(?:\d+|[LP]\d+)$/;

/**
 * "rule 12", "Rules 15-17", "rules 9, 10", "Rule 21 and 13", "rules 1-7, 14, 26 and 27", "Rule L2", "port rule 4".
 * A list goes on only while the next item is a rule number, so "rules 34, env service" cites 34 alone.
 */
const CITATION = /\b(port\s+)?rules?\s+([LP]?\d+(?:\s*(?:[-–]|,|\band\b|\bor\b|&)\s*[LP]?\d+)*)/gi;

export function citedRules(text: string): readonly string[] {
  const cited = new Set<string>();
  for (const match of text.matchAll(CITATION)) {
    const port = match[1] !== undefined;
    const list = match[2] ?? "";
    for (const item of list.split(/\s*(?:,|\band\b|\bor\b|&)\s*/i)) {
      const [from, to] = item.split(/\s*[-–]\s*/).map((part) => ruleId(part, port));
      if (from === undefined) continue;
      for (const id of expandRange(from, to ?? from)) cited.add(id);
    }
  }
  return [...cited];
}

function ruleId(text: string, port: boolean): string | undefined {
  const match = /^([LP]?)(\d+)$/i.exec(text.trim());
  if (match === null) return undefined;
  const prefix = port ? "P" : (match[1] ?? "").toUpperCase();
  return `${prefix}${Number(match[2])}`;
}

function expandRange(from: string, to: string): readonly string[] {
  const prefix = /^[LP]/.test(from) ? from.charAt(0) : "";
  const start = Number(from.slice(prefix.length));
  const end = Number(to.replace(/^[LP]/, ""));
  // A backwards or absurd range ("rule 2-1") is read as its two ends, so neither is silently dropped.
  if (end < start || end - start > 100) return [from, `${prefix}${end}`];
  return Array.from({ length: end - start + 1 }, (_, i) => `${prefix}${start + i}`);
}

/** Reads every table row whose first cell is a rule id; other lines are prose. */
export function parseRulesIndex(markdown: string): {
  readonly entries: readonly RuleEntry[];
  readonly problems: readonly RulesIndexProblem[];
} {
  const entries: RuleEntry[] = [];
  const problems: RulesIndexProblem[] = [];
  let inEntryTable = false;
  markdown.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (!text.startsWith("|")) {
      inEntryTable = false;
      return;
    }
    const cells = splitRow(text);
    if (cells.map((cell) => cell.toLowerCase()).join("|") === ENTRY_HEADER.join("|")) {
      inEntryTable = true;
      return;
    }
    if (!inEntryTable || cells.every((cell) => /^:?-+:?$/.test(cell))) return;
    const entry = parseEntry(cells, line);
    if (typeof entry === "string") problems.push({ kind: "malformed-entry", line, message: `docs/rules.md line ${line}: ${entry}` });
    else entries.push(entry);
  });
  return { entries, problems };
}

function splitRow(row: string): string[] {
  return row
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

function parseEntry(cells: readonly string[], line: number): RuleEntry | string {
  if (cells.length !== ENTRY_HEADER.length)
    return `expected ${ENTRY_HEADER.length} cells (${ENTRY_HEADER.join(", ")}), found ${cells.length}`;
  const [id = "", statement = "", enforced = "", tested = "", statusText = ""] = cells;
  if (!RULE_ID.test(id)) return `'${id}' is not a rule id (a number, L<n> or P<n>)`;
  if (statement === "") return `rule ${id} has no statement`;
  const status = parseStatus(statusText);
  if (status === undefined) return `rule ${id}: status '${statusText}' is not enforced, partly or "open: issue N"`;
  return { id, statement, enforcedBy: paths(enforced), testedBy: paths(tested), status, line };
}

/** `enforced`, `partly` or `open: issue N`, optionally followed by a note in parentheses. */
function parseStatus(text: string): RuleStatus | undefined {
  const match = /^(enforced|partly|open: issue (\d+))(?:\s+\(.+\))?$/.exec(text);
  if (match === null) return undefined;
  if (match[2] !== undefined) return { kind: "open", issue: Number(match[2]) };
  return { kind: match[1] === "enforced" ? "enforced" : "partly" };
}

/** File paths are the backticked parts of a cell; anything else in it is a note. */
function paths(cell: string): readonly string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? "").filter((path) => path !== "");
}

export function checkRulesIndex(markdown: string, repository: Repository): readonly RulesIndexProblem[] {
  const parsed = parseRulesIndex(markdown);
  const problems: RulesIndexProblem[] = [...parsed.problems];
  const byId = new Map<string, RuleEntry>();
  for (const entry of parsed.entries) {
    if (byId.has(entry.id))
      problems.push({
        kind: "duplicate-entry",
        rule: entry.id,
        line: entry.line,
        message: `rule ${entry.id} has a second entry at line ${entry.line}`,
      });
    else byId.set(entry.id, entry);
  }

  for (const file of repository.citingFiles) {
    for (const rule of citedRules(file.text)) {
      if (!byId.has(rule))
        problems.push({
          kind: "cited-without-entry",
          rule,
          file: file.path,
          message: `${file.path} cites rule ${rule}, which docs/rules.md has no entry for`,
        });
    }
  }

  for (let n = 1; n <= DOMAIN_RULE_COUNT; n++) {
    if (!byId.has(String(n)))
      problems.push({ kind: "missing-domain-rule", rule: String(n), message: `rulebook rule ${n} has no entry in docs/rules.md` });
  }

  for (const entry of byId.values()) problems.push(...checkEntry(entry, repository));
  return problems;
}

function checkEntry(entry: RuleEntry, repository: Repository): RulesIndexProblem[] {
  const problems: RulesIndexProblem[] = [];
  const rule = entry.id;
  for (const file of [...entry.enforcedBy, ...entry.testedBy]) {
    if (repository.read(file) === undefined)
      problems.push({ kind: "missing-file", rule, file, message: `rule ${rule} names ${file}, which does not exist` });
  }
  if (entry.status.kind !== "open") {
    if (entry.enforcedBy.length === 0)
      problems.push({ kind: "no-enforcing-file", rule, message: `rule ${rule} is ${entry.status.kind} but names no enforcing file` });
    if (entry.testedBy.length === 0)
      problems.push({ kind: "no-test-file", rule, message: `rule ${rule} is ${entry.status.kind} but names no test file` });
  }
  for (const file of entry.testedBy) {
    const text = repository.read(file);
    if (text !== undefined && !citedRules(text).includes(rule)) {
      problems.push({
        kind: "test-does-not-cite",
        rule,
        file,
        message: `rule ${rule} names ${file} as its test, but that file never cites ${citation(rule)}`,
      });
    }
  }
  return problems;
}

function citation(rule: string): string {
  return rule.startsWith("P") ? `"port rule ${rule.slice(1)}"` : `"rule ${rule}"`;
}
