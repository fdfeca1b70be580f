// src/commands/session.ts
import { Option as Option2 } from "commander";

// src/output/output.ts
import { escapeForDisplay as escapeForDisplay3, escapeJsonForDisplay } from "@cloud-ledger/domain/safe-text";

// src/output/render-table.ts
import { escapeForDisplay } from "@cloud-ledger/domain/safe-text";

// src/output/display-width.ts
var ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
var ZERO_WIDTH = new RegExp("^(?:\\p{Mn}|\\p{Me}|\\p{Cf})+$", "u");
var EMOJI = new RegExp("\\p{Extended_Pictographic}|\\p{Regional_Indicator}", "u");
var NEEDS_GRAPHEMES = new RegExp("\\p{Extended_Pictographic}|\\p{Regional_Indicator}|\\p{M}|\\p{Cf}", "u");
var segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
function isWide(codePoint) {
  return codePoint >= 4352 && codePoint <= 4447 || codePoint === 9001 || codePoint === 9002 || codePoint >= 11904 && codePoint <= 12871 && codePoint !== 12351 || codePoint >= 12880 && codePoint <= 19903 || codePoint >= 19968 && codePoint <= 42182 || codePoint >= 43360 && codePoint <= 43388 || codePoint >= 44032 && codePoint <= 55203 || codePoint >= 63744 && codePoint <= 64255 || codePoint >= 65040 && codePoint <= 65049 || codePoint >= 65072 && codePoint <= 65131 || codePoint >= 65281 && codePoint <= 65376 || codePoint >= 65504 && codePoint <= 65510 || codePoint >= 110592 && codePoint <= 110593 || codePoint >= 127488 && codePoint <= 127569 || codePoint >= 131072 && codePoint <= 262141;
}
function graphemeWidth(grapheme) {
  if (EMOJI.test(grapheme)) return 2;
  let width = 0;
  for (const character of grapheme) width += ZERO_WIDTH.test(character) ? 0 : isWide(character.codePointAt(0)) ? 2 : 1;
  return width;
}
function displayWidth(text) {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let width = 0;
  if (!NEEDS_GRAPHEMES.test(text)) {
    for (const character of text) width += isWide(character.codePointAt(0)) ? 2 : 1;
    return width;
  }
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

// src/output/render-table.ts
function cellTexts(columns, rows) {
  return {
    head: columns.map((column) => escapeForDisplay(column.header)),
    body: rows.map((row) => columns.map((column) => escapeForDisplay(column.cell(row))))
  };
}
function renderTerminalTable(columns, rows) {
  const { head, body } = cellTexts(columns, rows);
  const headWidths = head.map(displayWidth);
  const bodyWidths = body.map((cells) => cells.map(displayWidth));
  const widths = headWidths.map((width, index) => bodyWidths.reduce((widest, cells) => Math.max(widest, cells[index] ?? 0), width));
  const rule = (left, middle, right) => `${left}${widths.map((width) => "\u2500".repeat(width + 2)).join(middle)}${right}`;
  const line = (cells, cellWidths) => `\u2502${cells.map((cell, index) => ` ${cell}${" ".repeat((widths[index] ?? 0) - (cellWidths[index] ?? 0))} `).join("\u2502")}\u2502`;
  const separator = rule("\u251C", "\u253C", "\u2524");
  const lines = [rule("\u250C", "\u252C", "\u2510"), line(head, headWidths)];
  for (let index = 0; index < body.length; index += 1) lines.push(separator, line(body[index], bodyWidths[index]));
  lines.push(rule("\u2514", "\u2534", "\u2518"));
  return lines.join("\n");
}
function markdownCell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}
function renderMarkdownTable(columns, rows) {
  const { head, body } = cellTexts(columns, rows);
  const lines = [
    `| ${head.map(markdownCell).join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...body.map((cells) => `| ${cells.map(markdownCell).join(" | ")} |`)
  ];
  return lines.join("\n");
}

// src/output/terminal-text.ts
import { escapeForDisplay as escapeForDisplay2 } from "@cloud-ledger/domain/safe-text";
function terminalText(text) {
  return text.includes("\n") ? text.split("\n").map(escapeForDisplay2).join("\n") : escapeForDisplay2(text);
}

// src/output/output.ts
function createOutput(format, streams = process) {
  const line = (text) => {
    streams.stdout.write(`${text}
`);
  };
  const json = (value) => {
    line(escapeJsonForDisplay(JSON.stringify(value, null, 2)));
  };
  return {
    format,
    table(listing) {
      if (format === "json") return json(listing.rows.map(listing.json));
      if (listing.rows.length === 0 && listing.empty !== void 0) return line(listing.empty);
      line(format === "markdown" ? renderMarkdownTable(listing.columns, listing.rows) : renderTerminalTable(listing.columns, listing.rows));
    },
    result(text, value) {
      if (format === "json") json(value);
      else line(terminalText(text));
    },
    details(pairs, value, extra = []) {
      if (format === "json") return json(value);
      const width = Math.max(0, ...pairs.map(([key]) => key.length));
      const body = format === "markdown" ? pairs.map(([key, text]) => `- **${key}**: ${escapeForDisplay3(text)}`) : pairs.map(([key, text]) => `${`${key}:`.padEnd(width + 2)}${escapeForDisplay3(text)}`);
      line([...body, ...extra.map(terminalText)].join("\n"));
    },
    notice(text) {
      streams.stderr.write(`${terminalText(text)}
`);
    }
  };
}

// src/runtime/global-options.ts
import path2 from "path";
import { Option } from "commander";

// src/output/formats.ts
import { InvalidArgumentError } from "commander";
var OUTPUT_FORMATS = ["terminal", "json", "markdown"];
function parseOutputFormat(value) {
  const format = OUTPUT_FORMATS.find((candidate) => candidate === value);
  if (format === void 0) throw new InvalidArgumentError(`Allowed choices are ${OUTPUT_FORMATS.join(", ")}.`);
  return format;
}

// src/store/store-spec.ts
import path from "path";
import { InvalidArgumentError as InvalidArgumentError2 } from "commander";
function parseStoreSpec(value) {
  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length);
    if (file.trim() === "") throw new InvalidArgumentError2("sqlite: needs a file path, e.g. sqlite:./ledger.sqlite");
    return { kind: "sqlite", path: path.resolve(file), isDefault: false };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  if (/^esdb(\+discover)?:\/\//.test(value)) return { kind: "eventstoredb", url: value };
  throw new InvalidArgumentError2("Expected sqlite:PATH, postgres://\u2026 or esdb://\u2026");
}
function defaultStoreSpec(home) {
  return { kind: "sqlite", path: path.join(home, "ledger.sqlite"), isDefault: true };
}
function describeStore(spec) {
  if (spec.kind === "sqlite") return `sqlite:${spec.path}`;
  try {
    const url = new URL(spec.url);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return spec.kind;
  }
}

// src/runtime/text-parsers.ts
import { InvalidArgumentError as InvalidArgumentError3 } from "commander";
var GITHUB_LOGIN = /^(?=.{1,39}$)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*$/;
function bounded(value) {
  return value.length <= 200 ? value : `${value.slice(0, 200)}\u2026 (${value.length} characters)`;
}
function parseGithubLogin(value) {
  if (!GITHUB_LOGIN.test(value)) {
    throw new InvalidArgumentError3(`A GitHub login has 1-39 letters, digits or single inner hyphens, got '${bounded(value)}'.`);
  }
  return value;
}
function parseName(value) {
  if (value.trim() === "" || new RegExp("\\p{Cc}", "u").test(value))
    throw new InvalidArgumentError3(`Expected a non-empty name without control characters, got '${bounded(value)}'.`);
  return value;
}

// src/runtime/global-options.ts
function addGlobalOptions(program) {
  return program.addOption(
    new Option(
      "--store <store>",
      "event store: sqlite:PATH, postgres://\u2026 or esdb://\u2026 (default: a SQLite file under ./.cloud-ledger/)"
    ).argParser(parseStoreSpec)
  ).addOption(new Option("--as <login>", "act as this GitHub login (recorded by `login`) for this command").argParser(parseGithubLogin)).addOption(
    new Option("--org <name>", "the organization to work in (default: the remembered one, or your only one)").argParser(parseName)
  ).addOption(
    new Option("--project <name>", "the project to work in, by its exact name (default: the remembered one, or your only one)").argParser(
      parseName
    )
  ).addOption(
    new Option("--format <format>", "output format: terminal, json or markdown").argParser(parseOutputFormat).default("terminal")
  ).addOption(new Option("--json", "shorthand for --format json"));
}
function cloudLedgerHome() {
  const configured = process.env.CLOUD_LEDGER_HOME;
  return path2.resolve(configured !== void 0 && configured !== "" ? configured : ".cloud-ledger");
}
function readGlobals(command) {
  const raw = command.optsWithGlobals();
  const home = cloudLedgerHome();
  return {
    home,
    store: raw.store ?? defaultStoreSpec(home),
    format: raw.json === true ? "json" : raw.format ?? "terminal",
    ...raw.as === void 0 ? {} : { as: raw.as },
    ...raw.org === void 0 ? {} : { org: raw.org },
    ...raw.project === void 0 ? {} : { project: raw.project }
  };
}

// src/runtime/parsers.ts
import { InvalidArgumentError as InvalidArgumentError4 } from "commander";
import { checkOrganizationName, slugOf, echo } from "@cloud-ledger/domain";
var ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
var EXECUTION_ID = /^[0-9a-f]{32}$/;
var LOOKBACK = /^(?:(\d{1,3})w)?(?:([1-6])d)?(?:(\d{1,2})h)?(?:(\d{1,2})m)?$/;
function parseUlid(value) {
  if (!ULID.test(value)) throw new InvalidArgumentError4(`Invalid ULID value: ${echo(value)}`);
  return value.toUpperCase();
}
function parseExecutionId(value) {
  if (!EXECUTION_ID.test(value)) throw new InvalidArgumentError4(`An execution ID is 32 lowercase hex characters, got '${echo(value)}'.`);
  return value;
}
function parseGithubUserId(value) {
  if (!/^[1-9]\d{0,19}$/.test(value)) throw new InvalidArgumentError4(`A GitHub user ID is a positive number, got '${echo(value)}'.`);
  return value;
}
function parseLookback(value) {
  const match = LOOKBACK.exec(value);
  if (match === null || value === "") throw new InvalidArgumentError4(`Invalid lookback expression: ${echo(value)}`);
  const [weeks, days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0));
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 6e4;
}
function parseInstant(value) {
  const millis = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(millis)) {
    throw new InvalidArgumentError4(`Expected an ISO-8601 time such as 2023-06-01T12:00:00Z, got '${echo(value)}'.`);
  }
  return new Date(millis).toISOString();
}
function parsePositiveInteger(value) {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError4(`Expected a positive whole number, got '${echo(value)}'.`);
  return Number(value);
}
function parseSecretName(value) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new InvalidArgumentError4(`A secret name is an environment variable name (letters, digits, underscores), got '${echo(value)}'.`);
  }
  return value;
}
function parseInstallationId(value) {
  if (!/^[1-9]\d{0,19}$/.test(value))
    throw new InvalidArgumentError4(`A GitHub App installation id is a positive number, got '${echo(value)}'.`);
  return value;
}
function parseOrganizationName(value) {
  const checked = checkOrganizationName(value);
  if (checked._tag === "Left") throw new InvalidArgumentError4(checked.left.message);
  return checked.right;
}
function parseSluggableName(value) {
  if (slugOf(value) === void 0) throw new InvalidArgumentError4(`'${echo(value)}' has no letter or digit, so it cannot name anything.`);
  return value;
}
function parseExitCode(value) {
  if (!/^\d{1,3}$/.test(value) || Number(value) > 255)
    throw new InvalidArgumentError4(`An exit code is a whole number from 0 to 255, got '${echo(value)}'.`);
  return Number(value);
}

// src/session/session-file.ts
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "fs";
import path3 from "path";
var EMPTY = { version: 1, identities: {}, defaults: {} };
function sessionPath(home) {
  return path3.join(home, "session.json");
}
function isSession(value) {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value;
  return candidate.version === 1 && typeof candidate.identities === "object" && candidate.identities !== null && typeof candidate.defaults === "object" && candidate.defaults !== null;
}
function readSession(home) {
  const file = sessionPath(home);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return EMPTY;
    throw new Error(`Cannot read the session file ${file}: ${error.message}`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The session file ${file} is not valid JSON; delete it and log in again.`);
  }
  if (!isSession(parsed)) throw new Error(`The session file ${file} is not a cloud-ledger session; delete it and log in again.`);
  return parsed;
}
function writeSession(home, session) {
  mkdirSync(home, { recursive: true });
  const file = sessionPath(home);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(session, null, 2)}
`, { mode: 384 });
  renameSync(temporary, file);
}

// src/commands/session.ts
function registerSessionCommands(program) {
  program.command("login").description("Record the GitHub identity every following command acts as").addOption(
    new Option2("--github-user <id>", "numeric GitHub user ID (the stable key)").argParser(parseGithubUserId).makeOptionMandatory()
  ).addOption(
    new Option2("--login <name>", "GitHub login (may change; the user ID does not)").argParser(parseGithubLogin).makeOptionMandatory()
  ).action(function(options) {
    const globals = readGlobals(this);
    const session = readSession(globals.home);
    const identities = Object.fromEntries(
      Object.entries(session.identities).filter(
        ([login, identity]) => login !== options.login && identity.githubUserId !== options.githubUser
      )
    );
    identities[options.login] = { githubUserId: options.githubUser, login: options.login };
    writeSession(globals.home, { ...session, current: options.login, identities });
    createOutput(globals.format).result(`Logged in as ${options.login}`, { login: options.login, githubUserId: options.githubUser });
  });
  program.command("logout").description("Forget who is logged in (recorded identities stay usable with --as)").action(function() {
    const globals = readGlobals(this);
    const session = readSession(globals.home);
    const output = createOutput(globals.format);
    if (session.current === void 0) {
      output.result("Not logged in.", { loggedIn: false });
      return;
    }
    const { current: _current, ...rest } = session;
    writeSession(globals.home, rest);
    output.result("Successfully logged out.", { loggedIn: false });
  });
  program.command("whoami").description("Show the identity commands act as").action(function() {
    const globals = readGlobals(this);
    const session = readSession(globals.home);
    const login = globals.as ?? session.current;
    const identity = login === void 0 ? void 0 : session.identities[login];
    const output = createOutput(globals.format);
    if (identity === void 0) output.result("Not logged in.", { loggedIn: false });
    else output.result(`${identity.login} (GitHub user ${identity.githubUserId})`, { loggedIn: true, ...identity });
  });
}

// src/commands/manifest.ts
import { InvalidArgumentError as InvalidArgumentError5, Option as Option3 } from "commander";
import { loadProjectManifest } from "@cloud-ledger/adapters/manifest-fs";
import {
  echo as echo2,
  nextRuns,
  parseInterval,
  runsPerDayLabel
} from "@cloud-ledger/domain";

// src/runtime/cli-errors.ts
var UsageError = class extends Error {
  name = "UsageError";
  exitCode = 2;
};
var CliFailure = class extends Error {
  constructor(message2, code = "failed") {
    super(message2);
    this.code = code;
  }
  code;
  name = "CliFailure";
  exitCode = 1;
};

// src/commands/manifest.ts
var UPCOMING_RUNS = 5;
var NOW_ENV = "CLOUD_LEDGER_NOW";
function registerManifestCommand(program) {
  program.command("manifest").description("Parse a Meltano project (meltano.yml and its include_paths) and show its environments, jobs and schedules").argument("<project-root>", "the folder holding meltano.yml").addOption(new Option3("--now <instant>", "compute upcoming runs from this ISO-8601 instant").argParser(parseInstant2).hideHelp()).addHelpText(
    "after",
    "\nWith --json: {projectId, defaultEnvironment, environments, jobs, schedules: [{name, kind, interval, runsPerDay, nextRuns}], errors: [{file, path, message}]}.\nExits 1, after printing, when the project cannot be read or has errors."
  ).action(function(projectRoot, options) {
    const globals = readGlobals(this);
    const now = options.now ?? instantFromEnv() ?? (/* @__PURE__ */ new Date()).toISOString();
    const loaded = loadProjectManifest(projectRoot);
    const report2 = loaded._tag === "Right" ? buildManifestReport(loaded.right.manifest, loaded.right.errors, now) : buildManifestReport(
      { environments: [], jobs: [], schedules: [] },
      [{ file: "meltano.yml", path: "", message: loaded.left.message }],
      now
    );
    process.stdout.write(
      `${globals.format === "json" ? JSON.stringify(report2, null, 2) : renderReport(report2, globals.format === "markdown")}
`
    );
    if (loaded._tag === "Left") throw new CliFailure(loaded.left.message, loaded.left.kind);
    if (report2.errors.length > 0) {
      throw new CliFailure(
        `The project has ${report2.errors.length} manifest error${report2.errors.length === 1 ? "" : "s"}`,
        "manifest-invalid"
      );
    }
  });
}
function buildManifestReport(manifest, errors, now) {
  const timing = /* @__PURE__ */ new Map();
  const timingOf = (interval) => {
    let known = timing.get(interval);
    if (known === void 0) {
      known = parseInterval(interval).ok ? { runsPerDay: runsPerDayLabel(interval, now), nextRuns: nextRuns(interval, now, UPCOMING_RUNS) } : { runsPerDay: null, nextRuns: [] };
      timing.set(interval, known);
    }
    return known;
  };
  return {
    projectId: manifest.projectId ?? null,
    defaultEnvironment: manifest.defaultEnvironment ?? null,
    environments: manifest.environments.map(({ name }) => ({ name })),
    jobs: manifest.jobs.map(({ name }) => ({ name })),
    schedules: manifest.schedules.map(({ name, kind, interval }) => ({ name, kind, interval, ...timingOf(interval) })),
    errors: errors.map(({ file, path: path15, message: message2 }) => ({ file, path: path15, message: message2 }))
  };
}
var SCHEDULE_COLUMNS = [
  { header: "Schedule", cell: (row) => row.name },
  { header: "Kind", cell: (row) => row.kind },
  { header: "Interval", cell: (row) => row.interval },
  { header: "Runs / Day", cell: (row) => row.runsPerDay ?? "invalid" },
  { header: "Next run (UTC)", cell: (row) => row.nextRuns[0] === void 0 ? "-" : row.nextRuns[0].slice(0, 16).replace("T", " ") }
];
var ERROR_COLUMNS = [
  { header: "File", cell: (row) => row.file },
  { header: "Path", cell: (row) => row.path },
  { header: "Problem", cell: (row) => row.message }
];
function renderReport(report2, markdown) {
  const table = (columns, rows) => markdown ? renderMarkdownTable(columns, rows) : renderTerminalTable(columns, rows);
  const names = (items) => items.length === 0 ? "(none)" : items.map((item) => item.name).join(", ");
  const lines = [
    `Project ID:          ${report2.projectId ?? "(none)"}`,
    `Default environment: ${report2.defaultEnvironment ?? "(none)"}`,
    `Environments:        ${names(report2.environments)}`,
    `Jobs:                ${names(report2.jobs)}`,
    "",
    report2.schedules.length === 0 ? "No schedules." : table(SCHEDULE_COLUMNS, report2.schedules)
  ];
  if (report2.errors.length > 0) lines.push("", `${report2.errors.length} error(s):`, table(ERROR_COLUMNS, report2.errors));
  return lines.join("\n");
}
function parseInstant2(value) {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError5(`Expected an ISO-8601 instant, got '${echo2(value)}'.`);
  return new Date(ms).toISOString();
}
function instantFromEnv() {
  const value = process.env[NOW_ENV];
  if (value === void 0 || value === "") return void 0;
  try {
    return parseInstant2(value);
  } catch {
    throw new UsageError(`${NOW_ENV} must be an ISO-8601 instant, got '${echo2(value)}'`);
  }
}

// src/commands/org.ts
import { Option as Option4 } from "commander";

// src/runtime/acting-identity.ts
import { echo as echo3 } from "@cloud-ledger/domain";
function actingIdentity(session, as) {
  const login = as ?? session.current;
  if (login === void 0) {
    throw new CliFailure(
      "Not logged in. Run `cloud-ledger login --github-user <id> --login <name>` first, or pass --as <login>.",
      "not-logged-in"
    );
  }
  const identity = session.identities[login];
  if (identity === void 0) {
    throw new CliFailure(
      `No identity is recorded for '${echo3(login)}'. Run \`cloud-ledger login --github-user <id> --login ${echo3(login)}\` once to record it.`,
      "unknown-identity"
    );
  }
  return identity;
}
function findIdentity(session, loginOrId) {
  return session.identities[loginOrId] ?? Object.values(session.identities).find((identity) => identity.githubUserId === loginOrId);
}

// src/output/progress.ts
import cliProgress from "cli-progress";
var SILENT = { start: () => void 0, update: () => void 0, stop: () => void 0 };
function createProgress(label, options) {
  const stream = options.stream ?? process.stderr;
  if (options.json || stream.isTTY !== true) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50
    },
    cliProgress.Presets.shades_classic
  );
  const startedAt = Date.now();
  const rate = (done) => {
    const seconds = (Date.now() - startedAt) / 1e3;
    return seconds <= 0 ? "-" : Math.round(done / seconds).toLocaleString("en-US");
  };
  return {
    start: (total) => bar.start(total, 0, { rate: "-" }),
    update: (done) => bar.update(done, { rate: rate(done) }),
    stop: () => bar.stop()
  };
}

// src/store/open-store.ts
import { existsSync as existsSync3, mkdirSync as mkdirSync2 } from "fs";
import path6 from "path";

// src/store/readable-copy.ts
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import path4 from "path";
function writableFolder(folder) {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
function readableCopyIfNeeded(file) {
  if (existsSync(`${file}-shm`) || writableFolder(path4.dirname(file))) return void 0;
  const folder = mkdtempSync(path4.join(tmpdir(), "cloud-ledger-read-only-"));
  try {
    const copy = path4.join(folder, path4.basename(file));
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    return { path: copy, remove: () => rmSync(folder, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

// src/store/sqlite-preflight.ts
import { accessSync as accessSync2, constants as constants2, existsSync as existsSync2, statSync } from "fs";
import path5 from "path";
import Database from "better-sqlite3";
function sqliteStoreProblem(file, access) {
  if (!existsSync2(file)) {
    if (access === "read") return "no event store exists there yet";
    const folder = path5.dirname(file);
    if (!existsSync2(folder) || !statSync(folder).isDirectory()) return `the folder ${folder} does not exist`;
    return void 0;
  }
  const info = statSync(file);
  if (!info.isFile()) return "it is not a file";
  if (access === "write" && !isWritable(file))
    return "the file is read-only; this command writes (reads and `audit verify` work on a read-only file)";
  if (info.size === 0) return access === "read" ? "the file is empty" : void 0;
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cloud_ledger_schema'").pluck().get() !== void 0;
    const hasEvents = hasSchema && db.prepare("SELECT 1 FROM cloud_ledger_schema WHERE component = 'events'").pluck().get() !== void 0;
    return hasEvents ? void 0 : "it is a SQLite database but not a cloud-ledger event store";
  } catch (error) {
    const code = error?.code;
    if (code === "SQLITE_READONLY_DIRECTORY" || code === "SQLITE_CANTOPEN") return readOnlyFolderProblem(file);
    return `it cannot be read as a SQLite database (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
}
function readOnlyFolderProblem(file) {
  return `SQLite needs to create ${path5.basename(file)}-shm next to a store in WAL mode even to read it, and the folder ${path5.dirname(file)} is read-only; copy the file into a writable folder`;
}
function isWritable(file) {
  try {
    accessSync2(file, constants2.W_OK);
    return true;
  } catch {
    return false;
  }
}

// src/store/open-store.ts
function message(error) {
  return (error instanceof Error ? error.message : String(error)).trim();
}
async function openPostgres(url, access, shown) {
  const pg = (await import("pg")).default;
  if (access === "read") {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const found = await client.query("SELECT to_regclass('cl_events')::text AS table");
      if (found.rows[0]?.table == null)
        throw new CliFailure(`No cloud-ledger event store in ${shown}: nothing has been recorded there yet.`, "store-not-found");
    } catch (error) {
      if (error instanceof CliFailure) throw error;
      throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
    } finally {
      await client.end().catch(() => void 0);
    }
  }
  const { createPostgresEventStore } = await import("@cloud-ledger/adapters/postgres");
  try {
    return await createPostgresEventStore({ connectionString: url, maxConnections: 4 });
  } catch (error) {
    throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
  }
}
async function openEventStoreDb(url, shown) {
  const { createEventStoreDbEventStore } = await import("@cloud-ledger/adapters/eventstoredb");
  let store;
  try {
    store = createEventStoreDbEventStore({ connectionString: url });
    await store.headPosition();
    return store;
  } catch (error) {
    await store?.close().catch(() => void 0);
    throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
  }
}
function sqliteOpenProblem(error, file, access) {
  const code = error?.code;
  if (code === "SQLITE_READONLY_DIRECTORY" || access === "read" && code === "SQLITE_CANTOPEN") return readOnlyFolderProblem(file);
  if (access === "write" && typeof code === "string" && code.startsWith("SQLITE_READONLY"))
    return "the file is read-only; this command writes (reads and `audit verify` work on a read-only file)";
  return message(error);
}
async function openStore(spec, access) {
  const shown = describeStore(spec);
  switch (spec.kind) {
    case "sqlite": {
      if (spec.isDefault && access === "write") mkdirSync2(path6.dirname(spec.path), { recursive: true });
      const copy = access === "read" && existsSync3(spec.path) ? readableCopyIfNeeded(spec.path) : void 0;
      try {
        const store = await openSqlite(copy?.path ?? spec.path, spec, access, shown);
        if (copy === void 0) return store;
        return { ...store, close: () => store.close().finally(() => copy.remove()) };
      } catch (error) {
        copy?.remove();
        throw error;
      }
    }
    case "postgres":
      return openPostgres(spec.url, access, shown);
    case "eventstoredb":
      return openEventStoreDb(spec.url, shown);
  }
}
async function openSqlite(file, spec, access, shown) {
  const problem = sqliteStoreProblem(file, access);
  if (problem !== void 0) {
    const hint = access === "read" && spec.isDefault ? " Record something first (e.g. `cloud-ledger org create`) or pass --store." : "";
    throw new CliFailure(
      `Cannot use the event store ${shown}: ${problem}.${hint}`,
      problem.startsWith("no event store") ? "store-not-found" : "store-unreadable"
    );
  }
  const { openSqliteEventStore: openSqliteEventStore2 } = await import("@cloud-ledger/adapters/sqlite");
  try {
    return openSqliteEventStore2({ path: file, readonly: access === "read" && !isWritable(file) });
  } catch (error) {
    throw new CliFailure(`Cannot open the event store ${shown}: ${sqliteOpenProblem(error, spec.path, access)}`, "store-unreadable");
  }
}

// src/runtime/control-plane-client.ts
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
function describeFailure(failure) {
  switch (failure.kind) {
    case "rejected":
      return new CliFailure(failure.error.message, failure.error.code);
    case "conflict":
      return new CliFailure(`${failure.message} (stream '${failure.streamName}', ${failure.attempts} attempts)`, "conflict");
    case "corrupt":
      return new CliFailure(
        `Corrupt event in stream '${failure.streamName}' at version ${failure.version}: ${failure.message}`,
        "corrupt-event"
      );
  }
}
function createControlPlaneClient(options) {
  const ids = options.ids ?? createIdGenerator();
  let controlPlane;
  const load = () => controlPlane ??= import("./control-plane-wiring-JHJXVFOP.js").then((wiring) => wiring.wireControlPlane(options, ids));
  const signedUp = /* @__PURE__ */ new Set();
  const send = async (actor, command) => {
    const outcome = await (await load()).dispatch({ command, commandId: ids.ulid(), actor });
    if (outcome._tag === "Left") throw describeFailure(outcome.left);
    return outcome.right;
  };
  return {
    ids,
    async dispatch(identity, command) {
      if (!signedUp.has(identity.githubUserId)) {
        await send(`github:${identity.githubUserId}`, { type: "SignUpUser", githubUserId: identity.githubUserId, login: identity.login });
        signedUp.add(identity.githubUserId);
      }
      return send(`github:${identity.githubUserId}`, command);
    },
    dispatchAsSystem: (name, command) => send(`system:${name}`, command)
  };
}

// src/runtime/ledger-views.ts
import { createMemoryRowStore, ledgerReaderAsOf, openLedgerReader } from "@cloud-ledger/projections";
async function openReadModelRows(spec) {
  switch (spec.kind) {
    case "sqlite": {
      const { openSqliteRowStore } = await import("@cloud-ledger/adapters/read-models-sqlite");
      try {
        return openSqliteRowStore({ path: spec.path });
      } catch {
        return createMemoryRowStore("memory (the SQLite file is read-only)");
      }
    }
    case "postgres": {
      const { createPostgresRowStore } = await import("@cloud-ledger/adapters/read-models-postgres");
      return createPostgresRowStore({ connectionString: spec.url, maxConnections: 2 });
    }
    case "eventstoredb":
      return createMemoryRowStore();
  }
}
function loadLedgerViews(store, rows, options = {}) {
  return openLedgerReader(store, rows, options.progress === void 0 ? {} : { progress: options.progress });
}
function loadLedgerViewsAsOf(store, asOf, options = {}) {
  return ledgerReaderAsOf(store, asOf, options.progress === void 0 ? {} : { progress: options.progress });
}

// src/runtime/command-context.ts
async function withContext(command, access, action, options = {}) {
  const globals = readGlobals(command);
  let session = readSession(globals.home);
  if (access === "write" && options.actsAsUser !== false) actingIdentity(session, globals.as);
  const store = await openStore(globals.store, access);
  let rows;
  try {
    const client = createControlPlaneClient({ store });
    let cached;
    const context = {
      globals,
      output: createOutput(globals.format),
      store,
      client,
      session: () => session,
      identity: () => actingIdentity(session, globals.as),
      async dispatch(controlPlaneCommand, as) {
        const result = await client.dispatch(as ?? actingIdentity(session, globals.as), controlPlaneCommand);
        cached = void 0;
        return result;
      },
      async views(asOf) {
        if (asOf !== void 0)
          return loadLedgerViewsAsOf(store, asOf, { progress: createProgress("Replaying", { json: globals.format === "json" }) });
        rows ??= await openReadModelRows(globals.store);
        cached ??= await loadLedgerViews(store, rows, {
          progress: createProgress("Updating read models", { json: globals.format === "json" })
        });
        return cached;
      },
      async rows() {
        await context.views();
        return rows;
      },
      remember(update) {
        session = { ...session, defaults: update(session.defaults) };
        writeSession(globals.home, session);
      }
    };
    await action(context);
  } finally {
    await rows?.close().catch(() => void 0);
    await store.close();
  }
}

// src/runtime/repository-argument.ts
import path7 from "path";
import { normalizeRepositoryUrl } from "@cloud-ledger/domain";
function repositoryArgument(value, baseDirectory = process.cwd()) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[^/\\]+@[^/\\]+:/.test(value)) return value;
  const absolute = path7.resolve(baseDirectory, value);
  const canonical = normalizeRepositoryUrl(absolute);
  return canonical._tag === "Right" ? canonical.right : absolute;
}

// src/runtime/selection.ts
import { echo as echo4 } from "@cloud-ledger/domain";
async function allMemberships(views, githubUserId) {
  const out = [];
  let after;
  do {
    const page = await views.memberships(githubUserId, after === void 0 ? void 0 : { limit: 250, after });
    out.push(...page.rows);
    after = page.next;
  } while (after !== void 0);
  return out;
}
async function selectOrganization(context) {
  const identity = context.identity();
  const views = await context.views();
  const memberships = await allMemberships(views, identity.githubUserId);
  const named = context.globals.org;
  if (named !== void 0) {
    const match = memberships.find((membership) => membership.name === named);
    if (match === void 0)
      throw new CliFailure(
        `Organization '${echo4(named)}' does not exist or ${identity.login} is not a member of it.`,
        "organization-not-found"
      );
    return await views.organization(match.billingAccountNumber);
  }
  const remembered = context.session().defaults.organization;
  const defaultMembership = memberships.find((membership) => membership.billingAccountNumber === remembered);
  const chosen = defaultMembership ?? (memberships.length === 1 ? memberships[0] : void 0);
  if (chosen !== void 0) return await views.organization(chosen.billingAccountNumber);
  if (memberships.length === 0) {
    throw new CliFailure(
      `${identity.login} belongs to no organization. Create one with \`cloud-ledger org create --name <name>\`, or ask an owner to add you.`,
      "no-organization"
    );
  }
  throw new CliFailure(
    `${identity.login} belongs to several organizations. Select one with --org <name> or \`cloud-ledger org use <name>\`.`,
    "multiple-organizations"
  );
}
async function selectProject(context, organization, explicitName) {
  const views = await context.views();
  const org = organization.billingAccountNumber;
  const name = explicitName ?? context.globals.project;
  if (name !== void 0) {
    const matches = await views.projectsNamed(org, name);
    if (matches.length === 1) return matches[0];
    if (matches.length === 0)
      throw new CliFailure(`Unable to use project named '${echo4(name)}' - no available project matches name.`, "project-not-found");
    throw new CliFailure(
      `Multiple Meltano Cloud projects have the specified name. Please specify the project using the \`--id\` option with its internal ID, shown below. Note that these IDs may change at any time. To avoid this issue, please use unique project names.
${matches.map((project2) => `${project2.internalId}: ${project2.name} ('${project2.repositoryUrl}')`).join("\n")}`,
      "project-name-ambiguous"
    );
  }
  const remembered = context.session().defaults.projects?.[org];
  const project = remembered === void 0 ? void 0 : await views.project(org, remembered);
  if (project !== void 0) return project;
  const all = (await views.projects(org, { limit: 2 })).rows;
  if (all.length === 1) {
    const only = all[0];
    context.remember((defaults) => ({ ...defaults, projects: { ...defaults.projects, [org]: only.projectKey } }));
    return only;
  }
  if (all.length === 0) {
    throw new CliFailure(
      "No Meltano Cloud projects are available, or no project has been selected as the default. Set one as the default using the `cloud-ledger project use` command.",
      "no-project"
    );
  }
  throw new CliFailure(
    "Logged in Meltano user has multiple projects. Set one as the default project using the `cloud-ledger project use` command.",
    "multiple-projects"
  );
}
function deploymentDefaultKey(organization, projectKey) {
  return `${organization}/${projectKey}`;
}
function selectDeployment(context, organization, project, explicit) {
  if (explicit !== void 0) return explicit;
  const remembered = context.session().defaults.deployments?.[deploymentDefaultKey(organization.billingAccountNumber, project.projectKey)];
  if (remembered !== void 0) return remembered;
  throw new UsageError(
    "A deployment name is required. Please specify one with the '--deployment' option, or specify a default deployment by running 'cloud-ledger deployment use'."
  );
}

// src/runtime/paging.ts
import { MAX_PAGE_SIZE } from "@cloud-ledger/projections";
async function firstItems(fetch, limit, after) {
  const rows = [];
  let cursor = after;
  for (; ; ) {
    const want = Math.min(MAX_PAGE_SIZE, limit - rows.length);
    const page = await fetch(cursor === void 0 ? { limit: want } : { limit: want, after: cursor });
    rows.push(...page.rows);
    cursor = page.next;
    if (cursor === void 0) return { rows };
    if (rows.length >= limit) return { rows, next: cursor };
  }
}
function noticeTruncated(output, next) {
  if (next === void 0) return;
  output.notice("Output truncated. To print more items, increase the limit using the --limit option.");
  output.notice(`The next page starts after: --after '${next}'`);
}

// src/commands/org-credits.ts
import { InvalidArgumentError as InvalidArgumentError6 } from "commander";
import { echo as echo5, formatCredits, parsePurchaseAmount } from "@cloud-ledger/domain";
function parseAmount(value) {
  const parsed = parsePurchaseAmount(value);
  if (parsed._tag === "Left") throw new InvalidArgumentError6(`Invalid amount of credits '${echo5(value)}': ${parsed.left}.`);
  return value.trim();
}
function runtimeOf(run) {
  const seconds = Math.max(0, Math.floor((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1e3));
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
function chargeJson(run) {
  const { executionId, deployment, schedule, trigger, runClass, startedAt, endedAt, credits } = run;
  return { executionId, deployment, schedule, trigger, runClass, startedAt, endedAt, runtime: runtimeOf(run), credits };
}
function registerCreditsCommands(org) {
  const credits = org.command("credits").description("Credits: the balance, credits used, runs by class and recent charges").action(function() {
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      const state = await (await context.views()).credits(organization.billingAccountNumber);
      const base = { organization: organization.billingAccountNumber, name: organization.name };
      if (state.status === "unmetered") {
        context.output.result(
          `Organization '${organization.name}' has never purchased credits: its runs are not metered (neither charged nor refused).`,
          { ...base, metered: false }
        );
        return;
      }
      const recent = state.recent.map(chargeJson);
      const json = {
        ...base,
        metered: true,
        balance: formatCredits(state.balance),
        purchased: formatCredits(state.purchased),
        used: formatCredits(state.consumed),
        runs: state.runs,
        exhausted: state.balance <= 0,
        recentCharges: recent
      };
      context.output.details(
        [
          ["Organization", organization.name],
          ["Balance", `${json.balance} credits${json.exhausted ? " (exhausted: pipelines do not run until credits are purchased)" : ""}`],
          ["Purchased", `${json.purchased} credits`],
          ["Used", `${json.used} credits`],
          ["Runs", `${state.runs.frequent} frequent, ${state.runs.infrequent} infrequent`]
        ],
        json
      );
      if (context.output.format === "json") return;
      context.output.table({
        columns: [
          { header: "Execution ID", cell: (row) => row.executionId },
          { header: "Deployment", cell: (row) => row.deployment },
          { header: "Schedule", cell: (row) => row.schedule },
          { header: "Class", cell: (row) => row.runClass },
          { header: "Runtime", cell: (row) => row.runtime },
          { header: "Credits", cell: (row) => row.credits },
          { header: "Ended", cell: (row) => row.endedAt }
        ],
        rows: recent,
        json: (row) => row,
        empty: "No run has been charged yet."
      });
    });
  });
  credits.command("purchase").description("Record credits bought for the organization (an owner)").requiredOption("--amount <credits>", "credits bought, e.g. 100 or 12.5 (at most three decimals)", parseAmount).action(function(options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const done = await context.dispatch({
        type: "PurchaseCredits",
        organization: organization.billingAccountNumber,
        amount: options.amount
      });
      const state = await (await context.views()).credits(organization.billingAccountNumber);
      const bought = done.events.find((e) => e.type === "CreditsPurchased")?.data.credits ?? "0";
      const balance = state.status === "metered" ? formatCredits(state.balance) : "0";
      context.output.result(`Added ${bought} credits to '${organization.name}'; the balance is ${balance} credits.`, {
        organization: organization.billingAccountNumber,
        purchased: bought,
        balance
      });
    });
  });
}

// src/commands/org.ts
var ROLES = ["owner", "maintainer", "reader"];
async function memberId(context, who, signUp = false) {
  const identity = findIdentity(context.session(), who);
  if (identity !== void 0) {
    if (!signUp) return identity.githubUserId;
    await context.client.dispatch(identity, { type: "SignUpUser", githubUserId: identity.githubUserId, login: identity.login });
    return identity.githubUserId;
  }
  if (/^[1-9]\d{0,19}$/.test(who)) return who;
  throw new CliFailure(
    `Unknown user '${who}': give a GitHub user id, or record the login once with \`cloud-ledger login --github-user <id> --login ${who}\`.`,
    "unknown-identity"
  );
}
async function refreshed(context, organization) {
  return await (await context.views()).organization(organization);
}
function registerOrgCommands(program) {
  const org = program.command("org").description("Organizations: create, list, select, GitHub App repositories and members");
  org.command("create").description("Create an organization owned by you (name: at most 20 lowercase letters, digits or dashes)").requiredOption("--name <name>", "organization name", parseOrganizationName).action(function(options) {
    return withContext(this, "write", async (context) => {
      const result = await context.dispatch({ type: "CreateOrganization", name: options.name });
      const created = result.events.find((event) => event.type === "OrganizationCreated");
      const number = created?.data?.organization ?? "";
      if (context.session().defaults.organization === void 0) context.remember((defaults) => ({ ...defaults, organization: number }));
      const view = await refreshed(context, number);
      context.output.result(`Organization '${view.name}' created (billing account number ${view.billingAccountNumber}).`, view);
    });
  });
  org.command("list").description("The organizations you belong to").option("--limit <n>", "at most this many rows", parsePositiveInteger, 125).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").action(function(options) {
    return withContext(this, "read", async (context) => {
      const identity = context.identity();
      const views = await context.views();
      const remembered = context.session().defaults.organization;
      const page = await firstItems((p) => views.memberships(identity.githubUserId, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      const rows = [];
      for (const membership of page.rows) {
        rows.push({
          ...await views.organization(membership.billingAccountNumber),
          role: membership.role,
          default: membership.billingAccountNumber === remembered
        });
      }
      context.output.table({
        columns: [
          { header: "Default", cell: (row) => row.default ? "X" : "" },
          { header: "Name", cell: (row) => row.name },
          { header: "Billing Account", cell: (row) => row.billingAccountNumber },
          { header: "Internal ID", cell: (row) => row.internalId },
          { header: "Your Role", cell: (row) => row.role },
          { header: "Members", cell: (row) => String(row.members.length) }
        ],
        rows,
        json: (row) => row,
        empty: `${identity.login} belongs to no organization.`
      });
    });
  });
  org.command("use").description("Remember an organization as the default for future commands").argument("<name>", "organization name", parseName).action(function(name) {
    return withContext(this, "read", async (context) => {
      const identity = context.identity();
      const match = (await allMemberships(await context.views(), identity.githubUserId)).find((membership) => membership.name === name);
      if (match === void 0)
        throw new CliFailure(
          `Organization '${name}' does not exist or ${identity.login} is not a member of it.`,
          "organization-not-found"
        );
      context.remember((defaults) => ({ ...defaults, organization: match.billingAccountNumber }));
      context.output.result(`Set '${name}' as the default organization for future commands`, {
        organization: match.billingAccountNumber,
        name
      });
    });
  });
  registerRepositoryCommands(org);
  registerMemberCommands(org);
  registerCreditsCommands(org);
}
function registerRepositoryCommands(org) {
  org.command("install-app").description("Record a GitHub App installation on a GitHub account (an organization or a user)").requiredOption("--installation <id>", "GitHub App installation id", parseInstallationId).requiredOption("--account <name>", "the GitHub account the app is installed on", parseName).addOption(new Option4("--account-type <type>", "organization or user").choices(["organization", "user"]).default("organization")).action(function(options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      await context.dispatch({
        type: "InstallGitHubApp",
        organization: organization.billingAccountNumber,
        installationId: options.installation,
        account: options.account,
        accountType: options.accountType
      });
      const view = await refreshed(context, organization.billingAccountNumber);
      context.output.result(
        `Installed the GitHub App (installation ${options.installation}) on ${options.accountType} '${options.account}'.`,
        view
      );
    });
  });
  for (const [name, type, verb] of [
    ["grant-repo", "GrantRepository", "Granted"],
    ["revoke-repo", "RevokeRepository", "Revoked"]
  ]) {
    org.command(name).description(
      `${verb === "Granted" ? "Grant" : "Revoke"} the GitHub App's access to a repository (a URL, or a local path for a local repository)`
    ).requiredOption("--repo <url-or-path>", "repository URL, or a local git repository path").option("--installation <id>", "the installation (default: the organization's only one)", parseInstallationId).action(function(options) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        const installations = organization.installations;
        const installationId = options.installation ?? (installations.length === 1 ? installations[0]?.installationId : void 0);
        if (installationId === void 0) {
          throw new CliFailure(
            installations.length === 0 ? "The organization has no GitHub App installation: record one with `cloud-ledger org install-app` first." : "The organization has several GitHub App installations: choose one with --installation <id>.",
            "installation-required"
          );
        }
        const repositoryUrl = repositoryArgument(options.repo);
        await context.dispatch({ type, organization: organization.billingAccountNumber, installationId, repositoryUrl });
        context.output.result(
          `${verb} access to ${repositoryUrl} (installation ${installationId}).`,
          await refreshed(context, organization.billingAccountNumber)
        );
      });
    });
  }
}
function registerMemberCommands(org) {
  const member = org.command("member").description("Members of the organization and their roles (owner, maintainer, reader)");
  const roleOption = () => new Option4("--role <role>", "owner, maintainer or reader").choices(ROLES).makeOptionMandatory();
  member.command("list").description("Members and their roles").action(function() {
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      context.output.table({
        columns: [
          { header: "Login", cell: (row) => row.login ?? "" },
          { header: "GitHub User ID", cell: (row) => row.githubUserId },
          { header: "Role", cell: (row) => row.role }
        ],
        rows: organization.members,
        json: (row) => row
      });
    });
  });
  member.command("add").description("Add a member (a recorded login or a GitHub user id)").argument("<user>", "login or GitHub user id").addOption(roleOption()).action(function(who, options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const githubUserId = await memberId(context, who, true);
      await context.dispatch({ type: "AddMember", organization: organization.billingAccountNumber, githubUserId, role: options.role });
      context.output.result(
        `Added ${who} to '${organization.name}' as ${options.role}.`,
        await refreshed(context, organization.billingAccountNumber)
      );
    });
  });
  member.command("role").description("Change a member's role").argument("<user>", "login or GitHub user id").addOption(roleOption()).action(function(who, options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const githubUserId = await memberId(context, who);
      await context.dispatch({
        type: "ChangeMemberRole",
        organization: organization.billingAccountNumber,
        githubUserId,
        role: options.role
      });
      context.output.result(
        `${who} is now ${options.role} in '${organization.name}'.`,
        await refreshed(context, organization.billingAccountNumber)
      );
    });
  });
  member.command("remove").description("Remove a member").argument("<user>", "login or GitHub user id").action(function(who) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const githubUserId = await memberId(context, who);
      await context.dispatch({ type: "RemoveMember", organization: organization.billingAccountNumber, githubUserId });
      context.output.result(`Removed ${who} from '${organization.name}'.`, await refreshed(context, organization.billingAccountNumber));
    });
  });
}

// src/commands/project.ts
import { Option as Option5 } from "commander";
import { echo as echo6 } from "@cloud-ledger/domain";
function projectJson(project, isDefault) {
  return { default: isDefault, name: project.name, repositoryUrl: project.repositoryUrl, rootPath: project.rootPath };
}
function registerProjectCommands(program) {
  const project = program.command("project").description("Projects: a Meltano project in a git repository (repository + root path)");
  project.command("create").description("Register a Meltano project kept in a repository the organization has granted").requiredOption("--name <name>", "display name (unique in the organization once slugified)", parseSluggableName).requiredOption("--repo-url <url-or-path>", "repository URL, or a local git repository path").option("--root-path <path>", "folder of the Meltano project inside the repository (default: .)").action(function(options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      await context.dispatch({
        type: "CreateProject",
        organization: organization.billingAccountNumber,
        name: options.name,
        repositoryUrl: repositoryArgument(options.repoUrl),
        ...options.rootPath === void 0 ? {} : { rootPath: options.rootPath }
      });
      const created = await selectProject(context, organization, options.name);
      context.output.result(`Project '${options.name}' created successfully.`, projectJson(created, false));
    });
  });
  project.command("list").description("The organization's projects").option("--limit <n>", "at most this many rows", parsePositiveInteger, 125).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").action(function(options) {
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      const remembered = context.session().defaults.projects?.[organization.billingAccountNumber];
      const views = await context.views();
      const page = await firstItems((p) => views.projects(organization.billingAccountNumber, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      context.output.table({
        columns: [
          { header: "Default", cell: (row) => row.projectKey === remembered ? "X" : "" },
          { header: "Name", cell: (row) => row.name },
          { header: "Git Repository", cell: (row) => row.repositoryUrl },
          { header: "Root Path", cell: (row) => row.rootPath }
        ],
        rows: page.rows,
        json: (row) => projectJson(row, row.projectKey === remembered),
        empty: "No projects."
      });
    });
  });
  project.command("use").description("Remember a project as the default for future commands").option("--name <name>", "the project's exact name", parseName).addOption(new Option5("--id <ulid>", "the project's current internal ID").argParser(parseUlid)).action(function(options) {
    if (options.name !== void 0 && options.id !== void 0)
      throw new UsageError("The '--name' and '--id' options are mutually exclusive");
    if (options.name === void 0 && options.id === void 0)
      throw new UsageError("Give the project with --name <name> or --id <internal id>.");
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      const org = organization.billingAccountNumber;
      let chosen;
      if (options.id !== void 0) {
        const views = await context.views();
        const entity = await views.resolveInternalId(org, options.id);
        const found = entity?.kind === "project" ? await views.project(org, entity.projectKey) : void 0;
        if (found === void 0)
          throw new CliFailure(
            `No project of '${organization.name}' currently has the internal ID '${echo6(options.id)}'.`,
            "project-not-found"
          );
        chosen = found;
      } else {
        chosen = await selectProject(context, organization, options.name);
      }
      context.remember((defaults) => ({ ...defaults, organization: org, projects: { ...defaults.projects, [org]: chosen.projectKey } }));
      const message2 = options.id !== void 0 ? `Set the project with ID '${options.id}' as the default Meltano Cloud project for future commands` : `Set '${chosen.name}' as the default Meltano Cloud project for future commands`;
      context.output.result(message2, projectJson(chosen, true));
    });
  });
}

// src/commands/deployment.ts
import { Option as Option6 } from "commander";
import { slugify, echo as echo8 } from "@cloud-ledger/domain";

// src/commands/deployment-notify-push.ts
import { echo as echo7, parseStreamName, requiredRoleFor, roleAllows } from "@cloud-ledger/domain";
var WEBHOOK_ACTOR = "github-webhook";
function deploymentOf(streamName) {
  const id = parseStreamName(streamName);
  return id?.kind === "deployment" ? id.deployment : streamName;
}
function registerNotifyPushCommand(deployment) {
  deployment.command("notify-push").description("Announce a push: every deployment tracking the branch redeploys to its new commit (pinned ones stay)").requiredOption("--repo <url-or-path>", "the repository pushed to (a URL, or a local git repository path)").requiredOption("--branch <name>", "the branch that got new commits", parseName).action(function(options) {
    return withContext(this, "write", async (context) => {
      const selected = await selectOrganization(context);
      const identity = context.identity();
      const role = selected.members.find((m) => m.githubUserId === identity.githubUserId)?.role ?? "reader";
      if (!roleAllows(role, "manage-deployments")) {
        const needed = requiredRoleFor("manage-deployments");
        throw new CliFailure(
          `${echo7(identity.login)} has role '${role}' in '${echo7(selected.name)}'; announcing a push needs '${needed}'.`,
          "insufficient-role"
        );
      }
      const organization = selected.billingAccountNumber;
      const repositoryUrl = repositoryArgument(options.repo);
      const done = await context.client.dispatchAsSystem(WEBHOOK_ACTOR, {
        type: "NotifyBranchUpdated",
        organization,
        repositoryUrl,
        branch: options.branch
      });
      const redeployed = done.events.filter((e) => e.type === "DeploymentRedeployed").map((e) => e.data);
      const refused = done.rejections.map((r) => ({
        deployment: deploymentOf(r.streamName),
        code: r.error.code,
        message: r.error.message
      }));
      for (const r of refused) context.output.notice(`Deployment '${r.deployment}' was not redeployed: ${r.message}`);
      const lines = redeployed.map(
        (d) => `Redeployed '${d.deployment}' to ${d.commit.slice(0, 7)} (was ${d.previousCommit.slice(0, 7)})`
      );
      const summary = lines.length > 0 ? lines.join("\n") : `No deployment tracking '${options.branch}' needed a redeploy.`;
      context.output.result(summary, {
        repositoryUrl,
        branch: options.branch,
        redeployed: redeployed.map((d) => ({ deployment: d.deployment, previousCommit: d.previousCommit, commit: d.commit })),
        refused
      });
    });
  });
}

// src/commands/deployment.ts
function utcTimestamp(iso) {
  return iso.replace("T", " ").replace(/\.\d+/, "").replace(/Z$|[+-]00:00$/, "");
}
async function scope(context) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization, project, org: organization.billingAccountNumber, projectKey: project.projectKey };
}
function deploymentJson(view, isDefault) {
  return { default: isDefault, ...view };
}
function registerDeploymentCommands(program) {
  const deployment = program.command("deployment").description("Deployments: a Meltano environment of a project, tracking a git revision");
  const nameOption = () => new Option6("--name <name>", "deployment name (slugified)").argParser(parseSluggableName).makeOptionMandatory();
  deployment.command("create").description("Deploy an environment of the project at a branch, tag or commit").addOption(nameOption()).requiredOption("--environment <name>", "a Meltano environment defined in meltano.yml", parseName).requiredOption("--git-rev <rev>", "branch, tag or commit SHA to track", parseName).action(function(options) {
    return withContext(this, "write", async (context) => {
      const { org, projectKey } = await scope(context);
      const name = slugify(options.name);
      await context.dispatch({
        type: "CreateDeployment",
        organization: org,
        projectKey,
        name,
        environment: options.environment,
        gitRev: options.gitRev
      });
      const views = await context.views();
      const all = (await views.deployments(org, projectKey, { limit: 2 })).rows;
      const created = await views.deployment(org, projectKey, name);
      if (all.length === 1) {
        context.remember((defaults) => ({
          ...defaults,
          deployments: { ...defaults.deployments, [deploymentDefaultKey(org, projectKey)]: name }
        }));
        context.output.result(
          `Created first deployment. Set '${name}' as the default Meltano Cloud deployment for future commands`,
          created
        );
      } else {
        context.output.result(
          `Created deployment "${name}". To use as default run "cloud-ledger deployment use --name ${name}"`,
          created
        );
      }
    });
  });
  deployment.command("update").description("Redeploy: re-resolve the tracked revision (or keep the commit) and pick up meltano.yml changes").addOption(nameOption()).option("--force", "redeploy even when the manifest did not change", false).option("--preserve-git-hash", "keep the deployed commit instead of re-resolving the tracked revision", false).action(function(options) {
    return withContext(this, "write", async (context) => {
      const { org, projectKey } = await scope(context);
      const name = slugify(options.name);
      try {
        await context.dispatch({
          type: "UpdateDeployment",
          organization: org,
          projectKey,
          name,
          force: options.force,
          preserveGitHash: options.preserveGitHash
        });
      } catch (error) {
        if (error instanceof CliFailure && error.code === "deployment-up-to-date") {
          context.output.notice(error.message);
          if (context.output.format === "json") context.output.result("", { deployment: name, updated: false });
          return;
        }
        throw error;
      }
      context.output.result(`Updated deployment '${name}'`, await (await context.views()).deployment(org, projectKey, name));
    });
  });
  registerNotifyPushCommand(deployment);
  deployment.command("delete").description("Delete a deployment (and its schedules)").addOption(nameOption()).action(function(options) {
    return withContext(this, "write", async (context) => {
      const { org, projectKey } = await scope(context);
      const name = slugify(options.name);
      await context.dispatch({ type: "DeleteDeployment", organization: org, projectKey, name });
      const key = deploymentDefaultKey(org, projectKey);
      if (context.session().defaults.deployments?.[key] === name) {
        context.remember((defaults) => ({
          ...defaults,
          deployments: Object.fromEntries(Object.entries(defaults.deployments ?? {}).filter(([k]) => k !== key))
        }));
      }
      context.output.result(`Deleted deployment '${name}'`, { deployment: name, deleted: true });
    });
  });
  deployment.command("list").description("The project's deployments").option("--limit <n>", "at most this many rows", parsePositiveInteger, 125).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").action(function(options) {
    return withContext(this, "read", async (context) => {
      const { org, projectKey } = await scope(context);
      const remembered = context.session().defaults.deployments?.[deploymentDefaultKey(org, projectKey)];
      const views = await context.views();
      const page = await firstItems((p) => views.deployments(org, projectKey, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      context.output.table({
        columns: [
          { header: "Default", cell: (row) => row.deployment === remembered ? "X" : "" },
          { header: "Name", cell: (row) => row.deployment },
          { header: "Environment", cell: (row) => row.environment },
          { header: "Tracked Git Rev", cell: (row) => row.gitRev },
          { header: "Current Git Hash", cell: (row) => row.shortCommit },
          { header: "Last Deployed (UTC)", cell: (row) => utcTimestamp(row.lastDeployedAt) }
        ],
        rows: page.rows,
        json: (row) => deploymentJson(row, row.deployment === remembered),
        empty: "No deployments."
      });
    });
  });
  deployment.command("use").description("Remember a deployment as the default for schedule and run commands").addOption(nameOption()).action(function(options) {
    return withContext(this, "read", async (context) => {
      const { org, projectKey } = await scope(context);
      const name = slugify(options.name);
      const found = await (await context.views()).deployment(org, projectKey, name);
      if (found === void 0)
        throw new CliFailure(
          `Unable to use deployment named '${echo8(name)}' - no available Meltano Cloud deployment matches name.`,
          "deployment-not-found"
        );
      context.remember((defaults) => ({
        ...defaults,
        deployments: { ...defaults.deployments, [deploymentDefaultKey(org, projectKey)]: name }
      }));
      context.output.result(`Set '${name}' as the default Meltano Cloud deployment for future commands`, deploymentJson(found, true));
    });
  });
}

// src/commands/schedule.ts
import { Option as Option7 } from "commander";
import { nextRuns as nextRuns2, echo as echo9 } from "@cloud-ledger/domain";

// src/runtime/now.ts
function currentInstant() {
  const pinned = process.env.CLOUD_LEDGER_NOW;
  if (pinned !== void 0 && pinned !== "" && !Number.isNaN(Date.parse(pinned))) return new Date(Date.parse(pinned)).toISOString();
  return (/* @__PURE__ */ new Date()).toISOString();
}

// src/commands/schedule.ts
async function scope2(context) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization, project, org: organization.billingAccountNumber, projectKey: project.projectKey };
}
var enabledText = (enabled) => enabled ? "True" : "False";
function registerScheduleCommands(program) {
  const schedule = program.command("schedule").description("Schedules of deployments: list, enable, disable, describe, and the schedule \xD7 deployment matrix");
  for (const [name, type, enabled] of [
    ["enable", "EnableSchedule", true],
    ["disable", "DisableSchedule", false]
  ]) {
    schedule.command(name).description(`${enabled ? "Enable" : "Disable"} a schedule in one deployment (other deployments are not affected)`).addOption(new Option7("--schedule <name>", "schedule name from meltano.yml").argParser(parseName).makeOptionMandatory()).option("--deployment <name>", "deployment (default: the remembered one)", parseName).action(function(options) {
      return withContext(this, "write", async (context) => {
        const { organization, project, org, projectKey } = await scope2(context);
        const deployment = selectDeployment(context, organization, project, options.deployment);
        const result = await context.dispatch({ type, organization: org, projectKey, deployment, schedule: options.schedule });
        const changed = result.events.length > 0;
        context.output.result(
          `${changed ? enabled ? "Enabled" : "Disabled" : enabled ? "Already enabled:" : "Already disabled:"} schedule '${options.schedule}' in deployment '${deployment}'.`,
          { deployment, schedule: options.schedule, enabled, changed }
        );
      });
    });
  }
  schedule.command("list").description("Schedules with their interval, runs per day and whether they are enabled").option("--deployment <name>", "only this deployment's schedules", parseName).option("--limit <n>", "at most this many rows", parsePositiveInteger, 10).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").option("--as-of <time>", "the schedules as they stood at this ISO-8601 time", parseInstant).action(function(options) {
    return withContext(this, "read", async (context) => {
      const { org, projectKey } = await scope2(context);
      const views = options.asOf === void 0 ? await context.views() : await context.views({ occurredAt: options.asOf });
      const query = { from: currentInstant(), ...options.deployment === void 0 ? {} : { deployment: options.deployment } };
      const page = await firstItems((p) => views.schedules(org, projectKey, query, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      context.output.table({
        columns: [
          { header: "Deployment", cell: (row) => row.deployment },
          { header: "Schedule", cell: (row) => row.schedule },
          { header: "Interval", cell: (row) => row.interval },
          { header: "Runs / Day", cell: (row) => row.runsPerDay },
          { header: "Enabled", cell: (row) => enabledText(row.enabled) }
        ],
        rows: page.rows,
        json: (row) => row,
        empty: "No schedules."
      });
    });
  });
  schedule.command("matrix").description("Every schedule against every deployment: enabled, disabled, or not deployed there").action(function() {
    return withContext(this, "read", async (context) => {
      const { org, projectKey } = await scope2(context);
      const matrix = await (await context.views()).scheduleMatrix(org, projectKey, { from: currentInstant() });
      context.output.table(matrixListing(matrix));
    });
  });
  schedule.command("describe").description("A schedule of a deployment, with its upcoming runs when enabled").addOption(new Option7("--deployment <name>", "deployment").argParser(parseName).makeOptionMandatory()).addOption(new Option7("--schedule <name>", "schedule").argParser(parseName).makeOptionMandatory()).option("--num-upcoming <n>", "how many upcoming runs to show", parsePositiveInteger, 10).option("--only-upcoming", "print only the upcoming run times", false).action(function(options) {
    return withContext(this, "read", async (context) => {
      const { org, projectKey } = await scope2(context);
      const now = currentInstant();
      const views = await context.views();
      const cells = await firstItems(
        (p) => views.schedules(org, projectKey, { from: now, deployment: options.deployment }, p),
        Number.MAX_SAFE_INTEGER
      );
      const cell = cells.rows.find((candidate) => candidate.schedule === options.schedule);
      if (cell === void 0) {
        throw new CliFailure(
          `Unable to find schedule named '${echo9(options.schedule)}' within a deployment named '${echo9(options.deployment)}'`,
          "schedule-not-found"
        );
      }
      const upcoming = cell.enabled ? nextRuns2(cell.interval, now, options.numUpcoming) : [];
      const json = { ...cell, nextRuns: upcoming };
      const lines = upcoming.map((at) => utc(at));
      if (options.onlyUpcoming) {
        context.output.result(lines.join("\n"), json);
        return;
      }
      const header = cell.enabled ? [`Approximate starting date and time (UTC) of next ${upcoming.length} scheduled runs:`, ...lines] : [];
      context.output.details(
        [
          ["Deployment name", cell.deployment],
          ["Schedule name", cell.schedule],
          ["Interval", cell.interval],
          ["Runs / Day", cell.runsPerDay],
          ["Enabled", enabledText(cell.enabled)]
        ],
        json,
        header
      );
    });
  });
}
function matrixListing(matrix) {
  return {
    columns: [
      { header: "Schedule", cell: (row) => row.schedule },
      { header: "Interval", cell: (row) => row.cells.find((cell) => cell !== null)?.interval ?? "" },
      ...matrix.deployments.map((deployment, index) => ({
        header: deployment,
        cell: (row) => {
          const cell = row.cells[index];
          return cell === null || cell === void 0 ? "-" : cell.enabled ? "enabled" : "disabled";
        }
      }))
    ],
    rows: matrix.rows,
    json: (row) => ({
      schedule: row.schedule,
      deployments: Object.fromEntries(matrix.deployments.map((d, i) => [d, row.cells[i] ?? null]))
    }),
    empty: "No schedules."
  };
}
function utc(iso) {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "").replace(/Z$/, "");
}

// src/commands/run.ts
function registerRunCommand(program) {
  program.command("run").description("Run a schedule of a deployment now").argument("<schedule>", "schedule name", parseName).option("--deployment <name>", "deployment (default: the remembered one)", parseName).action(function(scheduleName, options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const project = await selectProject(context, organization);
      const deployment = selectDeployment(context, organization, project, options.deployment);
      const result = await context.dispatch({
        type: "RunSchedule",
        organization: organization.billingAccountNumber,
        projectKey: project.projectKey,
        deployment,
        schedule: scheduleName
      });
      const requested = result.events.find((event) => event.type === "ExecutionRequested");
      const executionId = requested?.data?.executionId ?? "";
      context.output.result(`Running a Meltano project in Meltano Cloud. (execution ${executionId})`, {
        executionId,
        deployment,
        schedule: scheduleName
      });
    });
  });
}

// src/commands/job.ts
import { Option as Option8 } from "commander";
async function scope3(context) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}
var executionOption = () => new Option8("--execution-id <id>", "32-hex execution ID").argParser(parseExecutionId).makeOptionMandatory();
function registerJobCommands(program) {
  const job = program.command("job").description("Executions: stop one, or report a runner's progress (start, finish)");
  job.command("stop").description("Stop a running execution").addOption(executionOption()).action(function(options) {
    return withContext(this, "write", async (context) => {
      const where = await scope3(context);
      try {
        await context.dispatch({ type: "StopExecution", ...where, executionId: options.executionId });
      } catch (error) {
        if (error instanceof CliFailure && error.code === "execution-already-stopped") {
          context.output.notice(error.message);
          if (context.output.format === "json")
            context.output.result("", { executionId: options.executionId, stopped: false, reason: error.message });
          return;
        }
        throw error;
      }
      context.output.notice(`Stopping execution ${options.executionId}...`);
      if (context.output.format === "json") context.output.result("", { executionId: options.executionId, stopped: true });
    });
  });
  job.command("start").description("Record that a runner started an execution (as the acting member, who needs the maintainer role)").addOption(executionOption()).action(function(options) {
    return withContext(this, "write", async (context) => {
      const where = await scope3(context);
      await context.dispatch({ type: "StartExecution", ...where, executionId: options.executionId });
      context.output.result(`Execution ${options.executionId} is running.`, { executionId: options.executionId, status: "running" });
    });
  });
  job.command("finish").description("Record that an execution's process exited (as the acting member, who needs the maintainer role)").addOption(executionOption()).addOption(new Option8("--exit-code <code>", "the process exit code (0 = success)").argParser(parseExitCode).makeOptionMandatory()).action(function(options) {
    return withContext(this, "write", async (context) => {
      const where = await scope3(context);
      await context.dispatch({ type: "FinishExecution", ...where, executionId: options.executionId, exitCode: options.exitCode });
      context.output.result(`Execution ${options.executionId} finished with exit code ${options.exitCode}.`, {
        executionId: options.executionId,
        status: "finished",
        exitCode: options.exitCode
      });
    });
  });
}

// src/commands/runner.ts
import { accessSync as accessSync3, constants as constants3, mkdirSync as mkdirSync3 } from "fs";
import { hostname } from "os";
import path9 from "path";
import { InvalidArgumentError as InvalidArgumentError7, Option as Option9 } from "commander";
import { createControlPlane, echo as echo10, MAX_TIMEOUT_SECONDS, RunnerId } from "@cloud-ledger/domain";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createIdGenerator as createIdGenerator2 } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { openSqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";
import {
  createExecutionTracker,
  createLocalProcessRunner,
  createRunnerSupervisor,
  sweepVanishedRunners
} from "@cloud-ledger/adapters/runner-local";

// src/runtime/execution-log-file.ts
import path8 from "path";
function executionLogPath(home) {
  return path8.join(home, "executions.sqlite");
}

// src/commands/runner.ts
function parseRunnerId(value) {
  if (!RunnerId.is(value)) {
    throw new InvalidArgumentError7(
      `A runner id is 1-100 letters, digits, '.', '_', ':' or '-' (starting with a letter or digit), got '${echo10(value)}'.`
    );
  }
  return value;
}
function onPath(executable) {
  return (process.env.PATH ?? "").split(path9.delimiter).some((folder) => {
    try {
      accessSync3(path9.join(folder, executable), constants3.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
function localCommand(script) {
  if (script !== void 0) return { kind: "shell", script };
  if (onPath("meltano")) return { kind: "meltano" };
  throw new UsageError("meltano is not on PATH: install it, or give the command to run with --command '<shell command>'.");
}
function reporter(context) {
  const controlPlane = createControlPlane({
    store: context.store,
    clock: createSystemClock(),
    ids: createIdGenerator2(),
    git: createGitResolver(),
    sha256: nodeSha256Hex
  });
  const actor = context.globals.as === void 0 ? "system:runner" : `github:${context.identity().githubUserId}`;
  return { controlPlane, actor };
}
var leaseOption = () => new Option9("--lease <seconds>", "a runner silent this long has vanished").argParser(parsePositiveInteger).default(30);
function registerRunnerCommands(program) {
  const runner = program.command("runner").description("Run requested executions on this machine, or sweep those whose runner vanished");
  runner.command("run").description("Run requested executions in the foreground until SIGINT or SIGTERM").option("--command <shell>", "shell command each execution runs (default: meltano schedule run <schedule>, when meltano is on PATH)").option("--project-dir <path>", "folder the command runs in (default: the current folder)").addOption(
    new Option9("--runner-id <id>", "this runner's id").argParser(parseRunnerId).default(
      `${hostname().replace(/[^A-Za-z0-9._:-]/g, "-").slice(0, 80) || "runner"}-${process.pid}`
    )
  ).addOption(
    new Option9("--timeout <seconds>", "stop an execution running longer than this").argParser(parsePositiveInteger).default(3600)
  ).addOption(leaseOption()).addOption(new Option9("--concurrency <n>", "executions run at once").argParser(parsePositiveInteger).default(1)).addOption(new Option9("--poll <ms>", "how often to look for work").argParser(parsePositiveInteger).default(1e3)).option("--once", "run what is requested now, wait for it to end, and exit").action(function(options) {
    const command = localCommand(options.command);
    if (options.timeout > MAX_TIMEOUT_SECONDS) throw new UsageError(`--timeout is at most 24 days (${MAX_TIMEOUT_SECONDS} seconds).`);
    return withContext(
      this,
      "write",
      async (context) => {
        const { controlPlane, actor } = reporter(context);
        mkdirSync3(context.globals.home, { recursive: true });
        const logs = openSqliteExecutionLogStore({ path: executionLogPath(context.globals.home) });
        const notice = (text) => context.output.notice(text);
        const supervisor = createRunnerSupervisor({
          controlPlane,
          actor,
          store: context.store,
          runner: createLocalProcessRunner({
            command,
            ...options.projectDir === void 0 ? {} : { cwd: path9.resolve(options.projectDir) }
          }),
          logs,
          leases: logs,
          clock: createSystemClock(),
          ids: createIdGenerator2(),
          runnerId: options.runnerId,
          timeoutSeconds: options.timeout,
          leaseSeconds: options.lease,
          concurrency: options.concurrency,
          pollMs: options.poll,
          notice
        });
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        try {
          if (options.once === true) {
            await supervisor.poll();
            await supervisor.idle();
          } else {
            notice(`Runner ${options.runnerId} is waiting for executions (SIGINT or SIGTERM stops it).`);
            await supervisor.run(stop.signal);
            notice(`Runner ${options.runnerId} stopped.`);
          }
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          await logs.close();
        }
      },
      { actsAsUser: false }
    );
  });
  runner.command("sweep").description("Stop executions whose runner sent no heartbeat within the lease (stopped_reason says so)").addOption(leaseOption()).addOption(new Option9("--runner-id <id>", "the sweeping runner's id").argParser(parseRunnerId).default("sweeper")).action(function(options) {
    return withContext(
      this,
      "write",
      async (context) => {
        const { controlPlane, actor } = reporter(context);
        mkdirSync3(context.globals.home, { recursive: true });
        const leases = openSqliteExecutionLogStore({ path: executionLogPath(context.globals.home) });
        try {
          const tracker = createExecutionTracker(context.store);
          await tracker.catchUp();
          const ids = createIdGenerator2();
          const swept = await sweepVanishedRunners({
            tracker,
            leases,
            clock: createSystemClock(),
            leaseSeconds: options.lease,
            runnerId: options.runnerId,
            report: async (command) => {
              const outcome = await controlPlane.dispatch({ command, actor, commandId: ids.ulid() });
              return outcome._tag === "Left" ? outcome.left : void 0;
            }
          });
          context.output.result(
            swept.length === 0 ? "No execution's runner has vanished." : `Stopped ${swept.length} execution(s): ${swept.join(", ")}`,
            { swept }
          );
        } finally {
          await leases.close();
        }
      },
      { actsAsUser: false }
    );
  });
}

// src/commands/logs.ts
import { existsSync as existsSync4 } from "fs";
import { Option as Option10 } from "commander";
import { DomainErrors, executionDecider, executionEventSerde, executionStream } from "@cloud-ledger/domain";
import { escapeForDisplay as escapeForDisplay4 } from "@cloud-ledger/domain/safe-text";
import { openSqliteExecutionLogStore as openSqliteExecutionLogStore2 } from "@cloud-ledger/adapters/execution-log-sqlite";
async function executionIn(context, executionId) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  let state = executionDecider.initialState();
  for (const recorded of await context.store.readStream(executionStream(executionId))) {
    const decoded = executionEventSerde.decode(recorded);
    if (decoded._tag === "Left") throw new CliFailure(`Corrupt event in stream '${recorded.streamName}': ${decoded.left}`, "corrupt-event");
    state = executionDecider.evolve(state, decoded.right);
  }
  if (state.status === "none" || state.organization !== organization.billingAccountNumber || state.projectKey !== project.projectKey) {
    const error = DomainErrors.executionNotFound(executionId);
    throw new CliFailure(error.message, error.code);
  }
  return state;
}
function registerLogsCommands(program) {
  const logs = program.command("logs").description("Execution logs: print the lines a runner stored for an execution");
  logs.command("print").description("Print the logs of an execution (running or ended)").addOption(new Option10("--execution-id <id>", "32-hex execution ID").argParser(parseExecutionId).makeOptionMandatory()).action(function(options) {
    return withContext(this, "read", async (context) => {
      const state = await executionIn(context, options.executionId);
      const file = executionLogPath(context.globals.home);
      const store = existsSync4(file) ? openSqliteExecutionLogStore2({ path: file }) : void 0;
      try {
        const lines = store === void 0 ? [] : await store.read(options.executionId);
        if (context.output.format === "json") {
          context.output.result("", { executionId: options.executionId, status: state.status, lines });
          return;
        }
        const text = [`Fetching logs for execution ${options.executionId}`, ...lines.map((line) => escapeForDisplay4(line.text))];
        process.stdout.write(`${text.join("\n")}
`);
      } finally {
        await store?.close();
      }
    });
  });
}

// src/commands/scheduler.ts
import { InvalidArgumentError as InvalidArgumentError8 } from "commander";
import { createControlPlane as createControlPlane2 } from "@cloud-ledger/domain";
import { createScheduler } from "@cloud-ledger/projections";
import { createScaledClock, createSystemClock as createSystemClock2 } from "@cloud-ledger/adapters/clock";
import { createGitResolver as createGitResolver2 } from "@cloud-ledger/adapters/git";
import { nodeSha256Hex as nodeSha256Hex2 } from "@cloud-ledger/adapters/crypto";
function parsePositiveNumber(what, max) {
  return (value) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > max)
      throw new InvalidArgumentError8(`${what} must be a number above 0 and at most ${max}.`);
    return n;
  };
}
function schedulerClock(options) {
  if (options.fakeClock === void 0) return createSystemClock2();
  const anchorMs = options.fakeClockAnchor === void 0 ? void 0 : Date.parse(options.fakeClockAnchor);
  return createScaledClock({
    start: options.fakeClock,
    speed: options.fakeClockSpeed,
    ...anchorMs === void 0 ? {} : { anchorMs }
  });
}
function report(context, pass) {
  for (const m of pass.missed) {
    const first = m.firstTickId.slice(-24);
    const last = m.lastTickId.slice(-24);
    const span = m.count === 1 ? first : `${first} .. ${last}`;
    context.output.result(`Missed ${m.count} tick${m.count === 1 ? "" : "s"} of '${m.schedule}' in '${m.deployment}' (${span})`, {
      event: "ticks-missed",
      ...m
    });
  }
  for (const r of pass.requested) {
    context.output.result(`Requested execution ${r.executionId} of '${r.schedule}' in '${r.deployment}' for tick ${r.tickId.slice(-24)}`, {
      event: "execution-requested",
      ...r
    });
  }
}
function registerSchedulerCommands(program) {
  const scheduler = program.command("scheduler").description("The scheduler: turns enabled schedules' due ticks into executions");
  scheduler.command("run").description("Run the scheduler in the foreground until SIGINT or SIGTERM (one line per execution requested or ticks missed)").option("--poll <ms>", "milliseconds between passes", parsePositiveNumber("--poll", 36e5), 5e3).option("--once", "make one pass and exit").option("--fake-clock <instant>", "FOR DEMOS AND TESTS ONLY: schedule by a fake clock that starts at this instant", parseInstant).option(
    "--fake-clock-speed <factor>",
    "FOR DEMOS AND TESTS ONLY: fake-clock milliseconds per real one",
    parsePositiveNumber("--fake-clock-speed", 1e7),
    1
  ).option(
    "--fake-clock-anchor <instant>",
    "FOR DEMOS AND TESTS ONLY: the real moment the fake clock reads --fake-clock (default: start-up; share it between processes)",
    parseInstant
  ).action(function(options) {
    return withContext(
      this,
      "write",
      async (context) => {
        const clock = schedulerClock(options);
        const controlPlane = createControlPlane2({
          store: context.store,
          clock,
          ids: context.client.ids,
          git: createGitResolver2(),
          sha256: nodeSha256Hex2
        });
        const instance = createScheduler({
          controlPlane,
          store: context.store,
          clock,
          pollIntervalMs: options.poll,
          onPass: (pass) => report(context, pass)
        });
        if (options.once === true) return report(context, await instance.tick());
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        try {
          context.output.notice(`Scheduler running (a pass every ${options.poll} ms); SIGINT or SIGTERM stops it.`);
          await instance.runUntil(stop.signal);
          context.output.notice("Scheduler stopped.");
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
        }
      },
      { actsAsUser: false }
    );
  });
}

// src/commands/notifications.ts
import { createHash } from "crypto";
import { Option as Option11 } from "commander";
import { createControlPlane as createControlPlane3 } from "@cloud-ledger/domain";
import { createIdGenerator as createIdGenerator3 } from "@cloud-ledger/adapters/ids";
import { createSystemClock as createSystemClock3 } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex as nodeSha256Hex3 } from "@cloud-ledger/adapters/crypto";
import { createGitResolver as createGitResolver3 } from "@cloud-ledger/adapters/git";
import { createHttpWebhookTransport } from "@cloud-ledger/adapters/webhook";
import { createNotificationDispatcher } from "@cloud-ledger/adapters/notification-dispatcher";

// src/runtime/cli-vault.ts
import { mkdirSync as mkdirSync4 } from "fs";
import path10 from "path";
import { createFileVault, resolveVaultKey } from "@cloud-ledger/adapters/vault";
var VAULT_FILE = "secrets.vault";
var VAULT_KEY_FILE = "vault.key";
async function openCliVault(home, store) {
  const [first] = await store.readAll({ limit: 1 });
  return createFileVault({
    file: path10.join(home, VAULT_FILE),
    key: () => {
      mkdirSync4(home, { recursive: true, mode: 448 });
      return resolveVaultKey({ keyFile: path10.join(home, VAULT_KEY_FILE) });
    },
    scope: first?.eventId ?? ""
  });
}

// src/commands/notifications.ts
function signingSecretName(recipient) {
  return `notification-signing-secret:${createHash("sha256").update(recipient, "utf8").digest("hex")}`;
}
async function mailTransport(options) {
  if (options.smtpHost === void 0) {
    return {
      send: () => Promise.resolve({ kind: "failed", permanent: false, message: "no SMTP server is configured (--smtp-host)" }),
      close: () => void 0
    };
  }
  if (options.smtpFrom === void 0) throw new UsageError("--smtp-from is required with --smtp-host");
  const password = process.env.CLOUD_LEDGER_SMTP_PASSWORD;
  if (options.smtpUser !== void 0 && password === void 0) {
    throw new UsageError("--smtp-user needs the password in CLOUD_LEDGER_SMTP_PASSWORD");
  }
  const { createSmtpMailTransport } = await import("@cloud-ledger/adapters/mail-smtp");
  return createSmtpMailTransport({
    host: options.smtpHost,
    port: options.smtpPort,
    from: options.smtpFrom,
    secure: options.smtpSecure === true,
    ...options.smtpUser === void 0 || password === void 0 ? {} : { auth: { user: options.smtpUser, pass: password } }
  });
}
function describe(activity) {
  const key = activity.idempotencyKey.slice(0, 12);
  switch (activity.kind) {
    case "delivered":
      return `${key} delivered (attempt ${activity.attempt})`;
    case "failed":
      return `${key} attempt ${activity.attempt} failed: ${activity.detail ?? ""}`;
    case "given-up":
      return `${key} given up after attempt ${activity.attempt}: ${activity.detail ?? ""}`;
    case "retry-scheduled":
      return `${key} attempt ${activity.attempt} in ${activity.delayMs} ms`;
    case "skipped":
      return `${key} already ${activity.status}`;
    case "error":
      return `${key} not recorded: ${activity.message}`;
  }
}
function registerNotificationsCommands(program, outboxOf) {
  const notifications = program.command("notifications").description("Deliver notifications: webhooks (signed) and email");
  notifications.command("run").description("Deliver pending notifications until interrupted (SIGINT/SIGTERM), retrying with backoff").option("--once", "stop when every pending notification is delivered or given up").option("--smtp-host <host>", "SMTP server for email notifications").addOption(new Option11("--smtp-port <port>", "SMTP port").argParser(parsePositiveInteger).default(587)).option("--smtp-from <address>", "the From address of notification emails").option("--smtp-user <user>", "SMTP user (password in CLOUD_LEDGER_SMTP_PASSWORD)").option("--smtp-secure", "TLS from the first byte (port 465) instead of STARTTLS").addOption(new Option11("--request-timeout <ms>", "deadline of one webhook POST").argParser(parsePositiveInteger).default(1e4)).addOption(new Option11("--max-attempts <n>", "attempts per notification before giving up").argParser(parsePositiveInteger).default(8)).action(function(options) {
    return withContext(
      this,
      "write",
      async (context) => {
        if (options.maxAttempts > 100) throw new UsageError("--max-attempts is at most 100");
        const mail = await mailTransport(options);
        const vault = await openCliVault(context.globals.home, context.store);
        const clock = createSystemClock3();
        const controlPlane = createControlPlane3({
          store: context.store,
          clock,
          ids: createIdGenerator3(),
          git: createGitResolver3(),
          sha256: nodeSha256Hex3
        });
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        try {
          const dispatcher = createNotificationDispatcher({
            outbox: await outboxOf(context),
            controlPlane,
            store: context.store,
            webhook: createHttpWebhookTransport(),
            mail,
            clock,
            signingSecret: (job) => vault.get({
              organization: job.scope.organization,
              projectKey: job.scope.projectKey ?? "",
              name: signingSecretName(job.recipient)
            }),
            retry: { maxAttempts: options.maxAttempts, baseDelayMs: 1e3, maxDelayMs: 10 * 6e4 },
            requestTimeoutMs: options.requestTimeout,
            onActivity: (activity) => context.output.notice(describe(activity))
          });
          const report2 = options.once === true ? await dispatcher.drain(stop.signal) : await dispatcher.run(stop.signal);
          context.output.result(
            `Delivered ${report2.delivered}, gave up ${report2.givenUp}, ${report2.failedAttempts} failed attempts, ${report2.skipped} already settled, ${report2.errors} not recorded.`,
            report2
          );
        } finally {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          mail.close();
        }
      },
      { actsAsUser: false }
    );
  });
}

// src/runtime/notification-outbox.ts
import { outboxFromPages } from "@cloud-ledger/adapters/notification-dispatcher";
import { catchUpReadModels, pendingDeliveries } from "@cloud-ledger/projections";
var persistedOutbox = async (context) => {
  const rows = await context.rows();
  return outboxFromPages(async (page) => {
    await catchUpReadModels(context.store, rows);
    return pendingDeliveries(rows, page);
  });
};

// src/commands/history.ts
import { Option as Option12 } from "commander";
import { historyQueryFromCli } from "@cloud-ledger/projections";
function registerHistoryCommand(program) {
  program.command("history").description("Execution history, newest first").option("--schedule <name>", "schedule name, exactly", parseName).option("--schedule-prefix <prefix>", "schedule names starting with this").option("--schedule-contains <text>", "schedule names containing this").option("--filter <text>", "alias of --schedule-contains").option("--deployment <name>", "deployment name, exactly", parseName).option("--deployment-prefix <prefix>", "deployment names starting with this").option("--deployment-contains <text>", "deployment names containing this").addOption(new Option12("--result <result>", "success, failed or running").choices(["success", "failed", "running"])).addOption(
    new Option12("--lookback <expr>", "only executions started within this span, e.g. 1w2d3h4m").argParser((value) => {
      parseLookback(value);
      return value;
    })
  ).option("--limit <n>", "at most this many rows", parsePositiveInteger, 10).option("--after <cursor>", "start after this cursor (printed when the history is truncated)").action(function(options) {
    const { filter, after, ...rest } = options;
    if (filter !== void 0 && rest.scheduleContains !== void 0) {
      throw new UsageError("Only one of --schedule, --schedule-prefix, or --schedule-contains can be specified.");
    }
    const query = historyQueryFromCli(filter === void 0 ? rest : { ...rest, scheduleContains: filter }, currentInstant());
    if (query._tag === "Left") throw new UsageError(query.left.message);
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      const project = await selectProject(context, organization);
      const views = await context.views();
      const page = await views.history(
        organization.billingAccountNumber,
        project.projectKey,
        after === void 0 ? query.right : { ...query.right, after }
      );
      noticeTruncated(context.output, page.next);
      context.output.table({
        columns: [
          { header: "Execution ID", cell: (row) => row.executionId },
          { header: "Schedule Name", cell: (row) => row.schedule },
          { header: "Deployment", cell: (row) => row.deployment },
          { header: "Executed At (UTC)", cell: (row) => utcTimestamp(row.executedAt) },
          { header: "Result", cell: (row) => row.result },
          { header: "Duration", cell: (row) => row.duration }
        ],
        rows: page.rows,
        json: (row) => row,
        empty: "No executions."
      });
    });
  });
}

// src/commands/config.ts
import { Option as Option14 } from "commander";
import { VaultError as VaultError2 } from "@cloud-ledger/adapters/vault";

// src/runtime/secret-value-source.ts
var MAX_STDIN_BYTES = 65536 * 4;
function valueOnCommandLine(options) {
  return options.value !== void 0;
}
async function readSecretValue(options, stdin = process.stdin) {
  const sources = [options.valueStdin === true, options.valueEnv !== void 0, options.value !== void 0].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give the value with --value-stdin, --value-env NAME or --value VALUE");
  if (sources > 1) throw new UsageError("give the value one way only: --value-stdin, --value-env NAME or --value VALUE");
  if (options.valueStdin === true) return readStdin(stdin);
  if (options.valueEnv !== void 0) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.valueEnv)) {
      throw new UsageError("--value-env takes the name of an environment variable (letters, digits and _)");
    }
    const value = process.env[options.valueEnv];
    if (value === void 0) throw new UsageError("the environment variable named by --value-env is not set");
    return value;
  }
  return options.value ?? "";
}
async function readStdin(stdin) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_STDIN_BYTES) {
      throw new UsageError(`the value on standard input is longer than a secret may be (over ${MAX_STDIN_BYTES} bytes)`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

// src/commands/config-notification.ts
import { randomBytes } from "crypto";
import { InvalidArgumentError as InvalidArgumentError9, Option as Option13 } from "commander";
import {
  checkRecipient,
  echo as echo11,
  escapeJsonForDisplay as escapeJsonForDisplay2,
  signingSecretRef,
  validateNotificationFilters
} from "@cloud-ledger/domain";
import { notificationsOf } from "@cloud-ledger/projections";
import { VaultError } from "@cloud-ledger/adapters/vault";
var LIST_HINT = "Run `cloud-ledger config notification list` to see every notification of this scope.";
var NOTHING_TO_UPDATE = "Nothing to update. Please provide either --new or --status option to update the notification";
var SIGNING_SECRET_BYTES = 32;
var MAX_SECRET_STDIN_BYTES = 65536;
function parseType(value) {
  if (value !== "webhook" && value !== "email") throw new InvalidArgumentError9(`Choose webhook or email, got '${echo11(value)}'.`);
  return value;
}
function parseFilter(item, previous = []) {
  let parsed;
  try {
    parsed = JSON.parse(item);
  } catch {
    throw new InvalidArgumentError9(`Unable to parse given json: ${echo11(item)}`);
  }
  const isList = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
  const record = parsed;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || Object.keys(record).some((key) => key !== "events" && key !== "status") || Object.values(record).some((value) => !isList(value))) {
    throw new InvalidArgumentError9(`A filter is a JSON object with "events" and/or "status" lists of strings, got: ${echo11(item)}`);
  }
  const filter = parsed;
  const checked = validateNotificationFilters([filter]);
  if (checked._tag === "Left") throw new InvalidArgumentError9(checked.left.message);
  return [...previous, filter];
}
async function notificationScope(context, organizationScope) {
  const organization = await selectOrganization(context);
  const org = organization.billingAccountNumber;
  if (organizationScope) return { organization: org };
  try {
    const project = await selectProject(context, organization);
    return { organization: org, projectKey: project.projectKey };
  } catch (error) {
    const unresolved = error instanceof CliFailure && (error.code === "no-project" || error.code === "multiple-projects");
    if (unresolved && context.globals.project === void 0) return { organization: org };
    throw error;
  }
}
var scopeText = (scope6) => scope6.projectKey === void 0 ? "organization" : "project";
function recipientOrUsageError(type, recipient) {
  const checked = checkRecipient(type, recipient);
  if (checked._tag === "Left") throw new UsageError(checked.left.message);
  return checked.right;
}
async function readSigningSecret(options) {
  if (options.signingSecretEnv !== void 0 && options.signingSecretStdin === true) {
    throw new UsageError("give the signing secret one way only: --signing-secret-env NAME or --signing-secret-stdin");
  }
  if (options.signingSecretEnv !== void 0) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.signingSecretEnv)) {
      throw new UsageError("--signing-secret-env takes the name of an environment variable (letters, digits and _)");
    }
    const value2 = process.env[options.signingSecretEnv];
    if (value2 === void 0 || value2 === "") throw new UsageError("the environment variable named by --signing-secret-env is not set");
    return value2;
  }
  if (options.signingSecretStdin !== true) return void 0;
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
    size += bytes.length;
    if (size > MAX_SECRET_STDIN_BYTES) throw new UsageError(`the signing secret on standard input is over ${MAX_SECRET_STDIN_BYTES} bytes`);
    chunks.push(bytes);
  }
  const value = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (value === "") throw new UsageError("the signing secret on standard input is empty");
  return value;
}
async function dispatchWithVault(context, command, before) {
  const vault = await openCliVault(context.globals.home, context.store);
  try {
    await vault.check();
  } catch (error) {
    if (error instanceof VaultError) throw new CliFailure(`The secret vault cannot be used: ${error.message}`, error.code);
    throw error;
  }
  const client = createControlPlaneClient({ store: context.store, vault });
  const final = before === void 0 ? command : await before(vault);
  try {
    return await client.dispatch(context.identity(), final);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    throw new CliFailure(
      `The change to '${command.recipient}' is recorded in the ledger but its signing secret was not updated: ${error.message} Run the command again once this is fixed.`,
      error.code
    );
  }
}
async function existing(context, scope6, recipient) {
  const rows = await context.rows();
  let after;
  for (; ; ) {
    const page = await notificationsOf(rows, scope6, after === void 0 ? { limit: 250 } : { limit: 250, after });
    const found = page.rows.find((row) => row.recipient === recipient);
    if (found !== void 0 || page.next === void 0) return found;
    after = page.next;
  }
}
var filtersText = (filters) => filters.length === 0 ? "N/A" : escapeJsonForDisplay2(JSON.stringify(filters));
var scopeOption = () => new Option13("--organization-scope", "the organization's notifications, even when a project is selected");
var typeArgument = (command) => command.argument("<type>", "webhook or email", parseType);
function registerNotificationCommands(config) {
  const notification = config.command("notification").description("Webhook and email notifications of job runs");
  typeArgument(notification.command("set")).description("Set a notification, or overwrite the one of this recipient in this scope").addOption(new Option13("--recipient <recipient>", "the webhook URL or email address").makeOptionMandatory()).addOption(
    new Option13("--filter <json>", `e.g. '{"events": ["job_run"], "status": ["failed"]}' (repeatable: any may match)`).argParser(
      parseFilter
    )
  ).addOption(new Option13("--signing-secret-env <name>", "webhooks: take the signing secret from this environment variable")).addOption(new Option13("--signing-secret-stdin", "webhooks: read the signing secret from standard input")).addOption(scopeOption()).action(function(type, options) {
    return withContext(this, "write", async (context) => {
      const recipient = recipientOrUsageError(type, options.recipient);
      const given = await readSigningSecret(options);
      if (given !== void 0 && type !== "webhook") throw new UsageError("only a webhook has a signing secret");
      const scope6 = await notificationScope(context, options.organizationScope === true);
      const base = { type: "SetNotification", ...scope6, notificationType: type, recipient, filters: options.filter ?? [] };
      if (type === "email") await context.dispatch(base);
      const generated = type === "webhook" && given === void 0 && await existing(context, scope6, recipient) === void 0 ? randomBytes(SIGNING_SECRET_BYTES).toString("hex") : void 0;
      const signingSecret = given ?? generated;
      if (type === "webhook") await dispatchWithVault(context, signingSecret === void 0 ? base : { ...base, signingSecret });
      const lines = [`Successfully set ${type} notification for ${recipient}.`, LIST_HINT];
      if (generated !== void 0)
        lines.push(`Signing secret (shown only this once; the receiver verifies the signature with it): ${generated}`);
      context.output.result(lines.join("\n"), {
        type,
        recipient,
        scope: scopeText(scope6),
        set: true,
        ...generated === void 0 ? {} : { signingSecret: generated }
      });
    });
  });
  notification.command("list").description("The notifications of the selected project (or of the organization)").option("--limit <n>", "at most this many rows", parsePositiveInteger, 10).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").addOption(scopeOption()).action(function(options) {
    return withContext(this, "read", async (context) => {
      const scope6 = await notificationScope(context, options.organizationScope === true);
      const rows = await context.rows();
      const page = await firstItems((p) => notificationsOf(rows, scope6, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      context.output.table({
        columns: [
          { header: "Recipient", cell: (row) => row.recipient },
          { header: "Type", cell: (row) => row.type },
          { header: "Status", cell: (row) => row.status },
          { header: "Filters", cell: (row) => filtersText(row.filters) }
        ],
        rows: page.rows,
        json: (row) => ({ recipient: row.recipient, type: row.type, status: row.status, filters: row.filters }),
        empty: `No notifications in this ${scopeText(scope6)}.`
      });
    });
  });
  typeArgument(notification.command("update")).description("Change a notification's recipient (--new) or status").addOption(new Option13("--recipient <recipient>", "the current webhook URL or email address").makeOptionMandatory()).addOption(new Option13("--new <recipient>", "the new webhook URL or email address")).addOption(new Option13("--status <status>", "active or inactive").choices(["active", "inactive"])).addOption(scopeOption()).action(function(type, options) {
    return withContext(this, "write", async (context) => {
      if (options.new === void 0 && options.status === void 0) {
        context.output.result(NOTHING_TO_UPDATE, { type, recipient: options.recipient, updated: false });
        return;
      }
      if (options.new !== void 0) recipientOrUsageError(type, options.new);
      const scope6 = await notificationScope(context, options.organizationScope === true);
      const command = {
        type: "UpdateNotification",
        ...scope6,
        notificationType: type,
        recipient: options.recipient,
        ...options.new === void 0 ? {} : { newRecipient: options.new },
        ...options.status === void 0 ? {} : { status: options.status }
      };
      if (type === "webhook" && options.new !== void 0) {
        await dispatchWithVault(context, command, async (vault) => {
          const secret = await vault.get(signingSecretRef(scope6, options.recipient));
          return secret === void 0 ? command : { ...command, signingSecret: secret };
        });
      } else {
        await context.dispatch(command);
      }
      context.output.result(`Successfully updated ${type} notification`, {
        type,
        recipient: options.new ?? options.recipient,
        ...options.status === void 0 ? {} : { status: options.status },
        updated: true
      });
    });
  });
  typeArgument(notification.command("delete")).description("Delete a notification").addOption(new Option13("--recipient <recipient>", "the webhook URL or email address").makeOptionMandatory()).addOption(scopeOption()).action(function(type, options) {
    return withContext(this, "write", async (context) => {
      const scope6 = await notificationScope(context, options.organizationScope === true);
      const command = { type: "DeleteNotification", ...scope6, notificationType: type, recipient: options.recipient };
      if (type === "webhook") await dispatchWithVault(context, command);
      else await context.dispatch(command);
      context.output.result(`Successfully deleted ${type} notification for ${options.recipient}`, {
        type,
        recipient: options.recipient,
        deleted: true
      });
    });
  });
}

// src/commands/config.ts
async function scope4(context) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}
async function dispatchWithVault2(context, command) {
  const vault = await openCliVault(context.globals.home, context.store);
  const client = createControlPlaneClient({ store: context.store, vault });
  try {
    await vault.check();
  } catch (error) {
    if (error instanceof VaultError2) throw new CliFailure(`The secret vault cannot be used: ${error.message}`, error.code);
    throw error;
  }
  try {
    return await client.dispatch(context.identity(), command);
  } catch (error) {
    if (!(error instanceof VaultError2)) throw error;
    const what = command.type === "SetSecret" ? "its value was not stored" : "its value was not removed from the vault";
    const advice = "Run the command again once this is fixed.";
    throw new CliFailure(`The change to '${command.name}' is recorded in the ledger but ${what}: ${error.message} ${advice}`, error.code);
  }
}
function registerConfigCommands(program) {
  const config = program.command("config").description("Project configuration");
  registerNotificationCommands(config);
  const env = config.command("env").description("Secrets (environment variables) of the project");
  env.command("set").description("Set or overwrite a secret (its value is never shown again)").addOption(new Option14("--key <name>", "variable name").argParser(parseSecretName).makeOptionMandatory()).addOption(new Option14("--value <value>", "the value (visible to other users in ps and shell history: prefer the next two)")).addOption(new Option14("--value-stdin", "read the value from standard input (one final line break is dropped)")).addOption(new Option14("--value-env <name>", "read the value from this environment variable")).action(function(options) {
    return withContext(this, "write", async (context) => {
      const value = await readSecretValue(options);
      const where = await scope4(context);
      await dispatchWithVault2(context, { type: "SetSecret", ...where, name: options.key, value });
      if (valueOnCommandLine(options)) {
        context.output.notice(
          "The value was given on the command line, where ps and shell history show it: prefer --value-stdin or --value-env."
        );
      }
      context.output.result(`Successfully set config item '${options.key}'.`, { name: options.key, set: true });
    });
  });
  env.command("list").description("Names of the project's secrets (values are never shown)").option("--limit <n>", "at most this many names", parsePositiveInteger, 10).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").action(function(options) {
    return withContext(this, "read", async (context) => {
      const where = await scope4(context);
      const views = await context.views();
      const page = await firstItems((p) => views.secretNames(where.organization, where.projectKey, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      const shown = page.rows;
      context.output.result(
        shown.join("\n"),
        shown.map((name) => ({ name }))
      );
    });
  });
  env.command("delete").description("Delete a secret").argument("<name>", "variable name", parseSecretName).action(function(name) {
    return withContext(this, "write", async (context) => {
      const where = await scope4(context);
      const result = await dispatchWithVault2(context, { type: "DeleteSecret", ...where, name });
      if (result.events.length === 0) throw new CliFailure(`No config item named '${name}' is set for this project.`, "secret-not-found");
      context.output.result(`Successfully deleted config item '${name}'.`, { name, deleted: true });
    });
  });
}

// src/commands/state.ts
import { open } from "fs/promises";
import { Option as Option15, InvalidArgumentError as InvalidArgumentError10 } from "commander";
import { MAX_STATE_FILE_BYTES, echo as echo12, parseStateFile, stateIdProblem } from "@cloud-ledger/domain";
function parseStateId(value) {
  const problem = stateIdProblem(value);
  if (problem !== void 0) throw new InvalidArgumentError10(`${problem}.`);
  return value;
}
async function scope5(context) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}
async function readStateFile(path15) {
  let handle;
  try {
    handle = await open(path15, "r");
  } catch (error) {
    throw new CliFailure(
      `Cannot read the state file '${echo12(path15)}': ${error.code ?? "unreadable"}.`,
      "state-file-unreadable"
    );
  }
  try {
    const buffer = new Uint8Array(MAX_STATE_FILE_BYTES + 1);
    let length = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw new CliFailure(
      `Cannot read the state file '${echo12(path15)}': ${error.code ?? "unreadable"}.`,
      "state-file-unreadable"
    );
  } finally {
    await handle.close();
  }
}
function registerStateCommands(program) {
  const state = program.command("state").description("State bookmarks of the project's pipelines: list, get, set, delete");
  state.command("list").description("The project's state IDs, one per line").option("--limit <n>", "at most this many IDs", parsePositiveInteger, 125).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").option("--as-of <time>", "the state IDs as they stood at this ISO-8601 time", parseInstant).action(function(options) {
    return withContext(this, "read", async (context) => {
      const where = await scope5(context);
      const views = options.asOf === void 0 ? await context.views() : await context.views({ occurredAt: options.asOf });
      const page = await firstItems((p) => views.stateIds(where.organization, where.projectKey, p), options.limit, options.after);
      noticeTruncated(context.output, page.next);
      context.output.result(
        page.rows.join("\n"),
        page.rows.map((stateId) => ({ stateId }))
      );
    });
  });
  state.command("get").description("Print the state JSON of a state ID").addOption(new Option15("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory()).option("--as-of <time>", "the state as it stood at this ISO-8601 time", parseInstant).action(function(options) {
    return withContext(this, "read", async (context) => {
      const where = await scope5(context);
      const views = options.asOf === void 0 ? await context.views() : await context.views({ occurredAt: options.asOf });
      const bookmark = await views.bookmark(where.organization, where.projectKey, options.stateId);
      if (bookmark === void 0) {
        context.output.result(`No state found for ${options.stateId}`, { stateId: options.stateId, state: null });
        return;
      }
      context.output.result(JSON.stringify(bookmark.content, null, 2), {
        stateId: options.stateId,
        state: bookmark.content,
        digest: bookmark.digest,
        setAt: bookmark.setAt,
        setBy: bookmark.setBy
      });
    });
  });
  state.command("set").description("Replace the state of a state ID with the JSON in a file").addOption(new Option15("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory()).addOption(
    new Option15(
      "--file-path <path>",
      "a JSON file with completed.singer_state, partial.singer_state or singer_state"
    ).makeOptionMandatory()
  ).action(function(options) {
    return withContext(this, "write", async (context) => {
      const parsed = parseStateFile(await readStateFile(options.filePath));
      if (parsed._tag === "Left") throw new CliFailure(parsed.left.message, parsed.left.code);
      const where = await scope5(context);
      await context.dispatch({ type: "SetState", ...where, stateId: options.stateId, content: parsed.right });
      context.output.result(`Successfully set state for ${options.stateId}`, { stateId: options.stateId, set: true });
    });
  });
  state.command("delete").description("Delete the state of a state ID (the next run is a full backfill)").addOption(new Option15("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory()).action(function(options) {
    return withContext(this, "write", async (context) => {
      const where = await scope5(context);
      await context.dispatch({ type: "DeleteState", ...where, stateId: options.stateId });
      context.output.result(`Successfully deleted state for ${options.stateId}`, { stateId: options.stateId, deleted: true });
    });
  });
}

// src/commands/audit.ts
import { Option as Option16 } from "commander";
import { readFileSync as readFileSync2, writeFileSync as writeFileSync2 } from "fs";
import path11 from "path";
import {
  auditStore,
  parseSealFile,
  sealStatementOf
} from "@cloud-ledger/domain";
import { nodeSha256Hex as nodeSha256Hex4, signSeal, verifySeal } from "@cloud-ledger/adapters/crypto";
async function auditWithProgress(store, options) {
  const total = await store.headPosition();
  const bars = { chains: createProgress("Verifying hash chains", options), replay: createProgress("Replaying streams", options) };
  let phase;
  const onProgress = (progress) => {
    if (phase !== progress.phase) {
      if (phase !== void 0) bars[phase].stop();
      phase = progress.phase;
      bars[phase].start(total);
    }
    bars[phase].update(progress.events);
  };
  const result = await auditStore(store, {
    sha256: nodeSha256Hex4,
    onProgress,
    ...options.seal === void 0 ? {} : { seal: options.seal }
  }).finally(() => {
    if (phase !== void 0) bars[phase].stop();
  });
  if (!result.ok) return { ok: false, fault: result.fault };
  const { events, streams, position, tipsDigest } = result.head;
  return { ok: true, events, streams, position, tipsDigest };
}
function auditPassedText(report2) {
  return `Audit passed: ${report2.events} events in ${report2.streams} streams. Every event decodes, every hash chain holds, every stream replays through its decider and the invariants hold.`;
}
function auditFailedText(fault) {
  if (fault.kind === "seal-mismatch") return `Audit failed against the seal at position ${fault.position}: ${fault.message}`;
  return `Audit failed at stream '${fault.streamName}' version ${fault.version}: ${fault.message}`;
}
function readKeyFile(file, what) {
  try {
    return readFileSync2(path11.resolve(file), "utf8");
  } catch (error) {
    throw new CliFailure(`Cannot read the ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`, "key-unreadable");
  }
}
function verifiedSeal(sealFile, publicKeyFile) {
  const parsed = parseSealFile(readKeyFile(sealFile, "seal"));
  if (parsed._tag === "Left") throw new CliFailure(`Cannot use the seal ${sealFile}: ${parsed.left}.`, "seal-invalid");
  const verified = verifySeal(parsed.right, readKeyFile(publicKeyFile, "public key"));
  if (verified._tag === "Left") throw new CliFailure(`Cannot use the seal ${sealFile}: ${verified.left}.`, "seal-invalid");
  return verified.right;
}
async function verify(context, options) {
  if (options.seal === void 0 !== (options.publicKey === void 0)) throw new UsageError("--seal and --public-key go together.");
  const seal2 = options.seal === void 0 || options.publicKey === void 0 ? void 0 : verifiedSeal(options.seal, options.publicKey);
  const report2 = await auditWithProgress(context.store, {
    json: context.output.format === "json",
    ...seal2 === void 0 ? {} : { seal: seal2 }
  });
  if (!report2.ok) {
    if (context.output.format === "json") context.output.result("", report2);
    throw new CliFailure(auditFailedText(report2.fault), "audit-failed");
  }
  const sealed = seal2 === void 0 ? "" : ` The ledger up to position ${seal2.position} is the one sealed at ${seal2.sealedAt}.`;
  context.output.result(`${auditPassedText(report2)}${sealed}`, { ...report2, ...seal2 === void 0 ? {} : { seal: seal2 } });
}
async function seal(context, options) {
  const privateKey = readKeyFile(options.privateKey, "private key");
  const report2 = await auditWithProgress(context.store, { json: context.output.format === "json" });
  if (!report2.ok) throw new CliFailure(`Not sealing: ${auditFailedText(report2.fault)}`, "audit-failed");
  const signed = signSeal(sealStatementOf(report2, currentInstant()), privateKey);
  if (signed._tag === "Left") throw new CliFailure(`Cannot seal with ${options.privateKey}: ${signed.left}.`, "key-invalid");
  const target = path11.resolve(options.output);
  try {
    writeFileSync2(target, `${JSON.stringify(signed.right, null, 2)}
`, { flag: "wx" });
  } catch (error) {
    throw new CliFailure(`Cannot write the seal ${target}: ${error instanceof Error ? error.message : String(error)}`, "seal-unwritable");
  }
  const { statement } = signed.right;
  context.output.result(
    `Sealed the ledger's head at position ${statement.position} (${statement.events} events in ${statement.streams} streams) in ${target}.`,
    {
      file: target,
      ...statement
    }
  );
}
async function namer(views, organization, entries) {
  const projects = new Map(
    (await firstItems((p) => views.projects(organization, p), Number.MAX_SAFE_INTEGER)).rows.map((project) => [
      project.projectKey,
      project.name
    ])
  );
  const logins = /* @__PURE__ */ new Map();
  const organizations = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    const user = /^github:(\d+)$/.exec(entry.actor)?.[1];
    if (user !== void 0 && !logins.has(user)) logins.set(user, await views.login(user));
    const { kind, key } = entry.entity;
    if (kind === "organization" && !organizations.has(key)) organizations.set(key, (await views.organization(key))?.name);
  }
  return {
    actor: (actor) => {
      const match = /^github:(\d+)$/.exec(actor);
      const login = match?.[1] === void 0 ? void 0 : logins.get(match[1]);
      return login === void 0 ? actor : `${login} (${actor})`;
    },
    entity: (entry) => {
      const { kind, key } = entry.entity;
      if (kind === "project") return `project '${projects.get(key) ?? key}'`;
      if (kind === "organization") return `organization '${organizations.get(key) ?? key}'`;
      if (kind === "organization-name") return `organization name '${key}'`;
      if (kind === "deployment") {
        const [projectKey = "", deployment = ""] = key.split(".");
        const named = `deployment '${deployment}' of '${projects.get(projectKey) ?? projectKey}'`;
        return entry.schedule === void 0 ? named : `schedule '${entry.schedule}' of ${named}`;
      }
      if (kind === "state") {
        const dot = key.indexOf(".");
        return `state '${key.slice(dot + 1)}' of '${projects.get(key.slice(0, dot)) ?? key.slice(0, dot)}'`;
      }
      return `${kind} ${key}`;
    }
  };
}
function resolveActor(context, actor) {
  if (/^(github:\d+|system:[a-z0-9-]+)$/.test(actor)) return actor;
  const identity = context.session().identities[actor];
  if (identity !== void 0) return `github:${identity.githubUserId}`;
  if (/^\d+$/.test(actor)) return `github:${actor}`;
  throw new UsageError(`Unknown actor '${actor}': give a recorded login, a GitHub user id, github:<id> or system:<name>.`);
}
async function trail(context, options) {
  const organization = await selectOrganization(context);
  const org = organization.billingAccountNumber;
  const views = options.asOf === void 0 ? await context.views() : await context.views({ occurredAt: options.asOf });
  const query = { order: options.newestFirst ? "newest-first" : "oldest-first" };
  if (options.actor !== void 0) query.actor = resolveActor(context, options.actor);
  if (options.from !== void 0) query.from = options.from;
  if (options.to !== void 0) query.to = options.to;
  if (context.globals.project !== void 0 || options.deployment !== void 0) {
    const project = await selectProject(context, organization);
    query.projectKey = project.projectKey;
    if (options.deployment !== void 0) query.entity = { kind: "deployment", key: `${project.projectKey}.${options.deployment}` };
  }
  if (options.execution !== void 0) query.entity = { kind: "execution", key: options.execution };
  else if (options.entity !== void 0 && query.entity === void 0) query.entity = { kind: options.entity };
  const page = await firstItems((p) => views.auditTrailPage(org, query, p), options.limit ?? Number.MAX_SAFE_INTEGER, options.after);
  noticeTruncated(context.output, page.next);
  context.output.table(await trailListing(views, org, page.rows));
}
async function trailListing(views, organization, entries) {
  const names = await namer(views, organization, entries);
  return {
    columns: [
      { header: "#", cell: (row) => String(row.position) },
      { header: "Occurred At (UTC)", cell: (row) => utcTimestamp(row.occurredAt) },
      { header: "Actor", cell: (row) => names.actor(row.actor) },
      { header: "Action", cell: (row) => row.action },
      { header: "Entity", cell: (row) => names.entity(row) }
    ],
    rows: entries,
    json: (row) => row,
    empty: "No matching events."
  };
}
function registerAuditCommands(program) {
  const audit = program.command("audit").description("Prove the log: verify it end to end, or show who did what, when");
  audit.command("verify").description(
    "Decode every event, check every hash chain, replay every stream through its decider, authorization and the invariants; exit 1 at the first fault"
  ).option("--seal <file>", "a seal written by `audit seal`: the ledger up to its position must be exactly what was sealed").option("--public-key <file>", "the Ed25519 public key (PEM) that verifies the seal").action(function(options) {
    return withContext(this, "read", (context) => verify(context, options));
  });
  audit.command("seal").description("Audit the ledger, then write a statement of its head (position, stream tips digest, time) signed with an Ed25519 key").requiredOption("--private-key <file>", "the operator's Ed25519 private key (PEM, PKCS#8)").requiredOption("--output <file>", "where to write the seal (never over an existing file)").action(function(options) {
    return withContext(this, "read", (context) => seal(context, options));
  });
  audit.command("trail").description("Who did what to which entity, and when (filter by actor, entity and time; --as-of for the trail as it stood)").option("--actor <who>", "a recorded login, GitHub user id, github:<id> or system:<name>").addOption(
    new Option16("--entity <kind>", "only events about this kind of entity").choices([
      "organization",
      "project",
      "deployment",
      "execution",
      "credits",
      "state"
    ])
  ).option("--deployment <name>", "only events about this deployment (of the selected project)", parseName).option("--execution <id>", "only events about this execution", parseExecutionId).option("--from <time>", "only events at or after this ISO-8601 time", parseInstant).option("--to <time>", "only events at or before this ISO-8601 time", parseInstant).option("--as-of <time>", "the log as it stood at this ISO-8601 time", parseInstant).option("--limit <n>", "at most this many rows", parsePositiveInteger).option("--after <cursor>", "start after this cursor (printed when the trail is truncated)").option("--newest-first", "newest events first", false).action(function(options) {
    return withContext(this, "read", (context) => trail(context, options));
  });
}

// src/commands/log.ts
import { createReadStream, createWriteStream, existsSync as existsSync5, linkSync, realpathSync, renameSync as renameSync2, rmSync as rmSync2, statSync as statSync2 } from "fs";
import { randomBytes as randomBytes2 } from "crypto";
import { once } from "events";
import path12 from "path";
import { createLogReplayCheck } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import {
  exportToNdjson,
  ImportTargetError,
  MAX_EVENT_LINE_LENGTH,
  NdjsonFormatError,
  prepareNdjsonImport
} from "@cloud-ledger/adapters/ndjson";
import { nodeSha256Hex as nodeSha256Hex5 } from "@cloud-ledger/adapters/crypto";

// src/store/store-transaction.ts
function transactionOn(spec, what) {
  switch (spec.kind) {
    case "sqlite":
      return async (work) => {
        const { withSqliteTransaction } = await import("@cloud-ledger/adapters/sqlite");
        return withSqliteTransaction({ path: spec.path }, work);
      };
    case "postgres":
      return async (work) => {
        const { withPostgresTransaction } = await import("@cloud-ledger/adapters/postgres");
        return withPostgresTransaction({ connectionString: spec.url }, work);
      };
    case "eventstoredb":
      throw new CliFailure(
        `Cannot ${what} into EventStoreDB: it has no transaction across streams, so a failure could leave half a log. Use SQLite or PostgreSQL.`,
        "no-transactions"
      );
  }
}

// src/commands/log.ts
function countingAppends(store, progress) {
  let done = 0;
  return {
    streamVersion: (streamName) => store.streamVersion(streamName),
    headPosition: () => store.headPosition(),
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    append: async (streamName, events, options) => {
      const result = await store.append(streamName, events, options);
      done += events.length;
      progress.update(done);
      return result;
    }
  };
}
function logProblem(file, error) {
  if (error instanceof NdjsonFormatError)
    return new CliFailure(`Cannot import ${file}: ${error.message}. Nothing was written.`, "corrupt-log");
  if (error instanceof ImportTargetError) {
    return new CliFailure(
      `Cannot import ${file}: ${error.reason}. Nothing was written.`,
      error.kind === "not-empty" ? "store-not-empty" : "store-changed"
    );
  }
  if (error instanceof CliFailure) return error;
  return new CliFailure(
    `Cannot import ${file}: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
    "import-failed"
  );
}
function sameFile(a, b) {
  const real = (file) => existsSync5(file) ? realpathSync(file) : path12.join(realpathSync(path12.dirname(file)), path12.basename(file));
  try {
    if (real(a) === real(b)) return true;
    if (!existsSync5(a) || !existsSync5(b)) return false;
    const [x, y] = [statSync2(a), statSync2(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
function assertNotTheStore(target, store) {
  if (store.kind !== "sqlite") return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (sameFile(target, `${store.path}${suffix}`)) {
      throw new CliFailure(
        `Cannot export to ${target}: it is the event store's own file${suffix === "" ? "" : ` (${suffix.slice(1)})`}. Nothing was written.`,
        "export-onto-store"
      );
    }
  }
}
function notEmpty(head) {
  return new ImportTargetError(
    "not-empty",
    `the store already holds events (head position ${head}); pass --append to add a log that continues it`
  );
}
async function existingHead(spec) {
  if (spec.kind === "sqlite" && (!existsSync5(spec.path) || statSync2(spec.path).isFile() && statSync2(spec.path).size === 0)) return 0;
  let store;
  try {
    store = await openStore(spec, "read");
  } catch (error) {
    if (error instanceof CliFailure && error.code === "store-not-found") return 0;
    throw error;
  }
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}
function registerLogCommands(program) {
  const log = program.command("log").description("The event log as NDJSON: export it, or import one into an empty store");
  log.command("export").description("Write every event, in order, with ids, metadata and hashes (to --output or stdout)").option("--output <file>", "file to write (written to a temporary file, then moved into place)").option("--force", "replace --output when it exists (never the event store itself)").action(function(options) {
    if (options.output !== void 0) {
      const target = path12.resolve(options.output);
      assertNotTheStore(target, readGlobals(this).store);
      if (existsSync5(target) && options.force !== true) {
        throw new CliFailure(
          `Cannot export to ${target}: the file exists. Pass --force to replace it. Nothing was written.`,
          "output-exists"
        );
      }
    }
    return withContext(this, "read", async (context) => {
      const progress = createProgress("Exporting", { json: context.output.format === "json" || options.output === void 0 });
      progress.start(await context.store.headPosition());
      const counting = {
        headPosition: () => context.store.headPosition(),
        readAll: async (readOptions) => {
          const page = await context.store.readAll(readOptions);
          if (page.length > 0) progress.update(page.at(-1)?.globalPosition ?? 0);
          return page;
        }
      };
      if (options.output === void 0) {
        await exportToNdjson(counting, process.stdout).finally(() => progress.stop());
        return;
      }
      const target = path12.resolve(options.output);
      const temporary = `${target}.${process.pid}.${randomBytes2(6).toString("hex")}.partial`;
      const file = createWriteStream(temporary, { flags: "wx" });
      try {
        const result = await exportToNdjson(counting, file);
        file.end();
        await once(file, "close");
        if (options.force === true) renameSync2(temporary, target);
        else {
          linkSync(temporary, target);
          rmSync2(temporary, { force: true });
        }
        context.output.result(`Exported ${result.events} events to ${target}.`, {
          file: target,
          events: result.events,
          headPosition: result.headPosition
        });
      } catch (error) {
        file.destroy();
        rmSync2(temporary, { force: true });
        if (error.code === "EEXIST") {
          throw new CliFailure(
            `Cannot export to ${target}: the file exists. Pass --force to replace it. Nothing was written.`,
            "output-exists"
          );
        }
        throw new CliFailure(`Cannot export to ${target}: ${error instanceof Error ? error.message : String(error)}`, "export-failed");
      } finally {
        progress.stop();
      }
    });
  });
  log.command("import").description("Import an NDJSON log into an empty store (or, with --append, one it continues), all or nothing").argument("<file>", "the NDJSON file").option("--append", "append to a store that already holds events: the log must continue it exactly").action(async function(file, options) {
    const target = path12.resolve(file);
    if (!existsSync5(target) || !statSync2(target).isFile())
      throw new CliFailure(`Cannot import ${target}: no such file.`, "log-not-found");
    const globals = readGlobals(this);
    const importer = actingIdentity(readSession(globals.home), globals.as);
    const transaction = transactionOn(globals.store, "import a log");
    const open2 = () => createReadStream(target);
    const checks = (mode) => ({
      sha256: nodeSha256Hex5,
      check: createLogReplayCheck(),
      mode,
      maxLineLength: MAX_EVENT_LINE_LENGTH
    });
    let prepared;
    if (options.append !== true) {
      const head = await existingHead(globals.store);
      if (head > 0) throw logProblem(target, notEmpty(head));
      try {
        prepared = await prepareNdjsonImport(open2, createMemoryEventStore(), checks("empty"));
      } catch (error) {
        throw logProblem(target, error);
      }
    }
    await withContext(this, "write", async (context) => {
      const progress = createProgress("Importing", { json: globals.format === "json" });
      try {
        const head = await context.store.headPosition();
        if (prepared === void 0) prepared = await prepareNdjsonImport(open2, context.store, checks("continue"));
        else if (head > 0) throw notEmpty(head);
        const ready = prepared;
        progress.start(ready.events);
        await ready.writeTo(context.store, (work) => transaction((store) => work(countingAppends(store, progress))));
        context.output.result(`Imported ${ready.events} events in ${ready.streams} streams from ${target} as ${importer.login}.`, {
          file: target,
          events: ready.events,
          streams: ready.streams,
          importedBy: importer.login
        });
      } catch (error) {
        throw logProblem(target, error);
      } finally {
        progress.stop();
      }
    });
  });
}

// src/commands/ids.ts
function regeneratedId(events, type) {
  for (const event of events) if (event.type === type) return event.data.internalId;
  return void 0;
}
function registerIdsCommands(program) {
  const ids = program.command("ids").description("Internal organization and project IDs: regenerate them, or show their history");
  ids.command("regenerate").description("Issue a new internal ID for the organization, or with --project-id for the selected project").option("--project-id", "regenerate the selected project's ID instead of the organization's", false).action(function(options) {
    return withContext(this, "write", async (context) => {
      const organization = await selectOrganization(context);
      const org = organization.billingAccountNumber;
      if (options.projectId) {
        const project = await selectProject(context, organization);
        const result2 = await context.dispatch({ type: "RegenerateProjectId", organization: org, projectKey: project.projectKey });
        const internalId2 = regeneratedId(result2.events, "ProjectIdRegenerated");
        context.output.result(`Project '${project.name}': internal ID ${project.internalId} \u2192 ${internalId2 ?? "?"}`, {
          entity: "project",
          name: project.name,
          previousInternalId: project.internalId,
          internalId: internalId2
        });
        return;
      }
      const result = await context.dispatch({ type: "RegenerateOrganizationId", organization: org });
      const internalId = regeneratedId(result.events, "OrganizationIdRegenerated");
      context.output.result(`Organization '${organization.name}': internal ID ${organization.internalId} \u2192 ${internalId ?? "?"}`, {
        entity: "organization",
        name: organization.name,
        previousInternalId: organization.internalId,
        internalId
      });
    });
  });
  ids.command("history").description("Every internal ID the organization (or with --project-id, the selected project) has had; the last is current").option("--project-id", "the selected project's IDs", false).option("--limit <n>", "at most this many rows", parsePositiveInteger, 125).option("--after <cursor>", "start after this cursor (printed when a list is truncated)").action(function(options) {
    return withContext(this, "read", async (context) => {
      const organization = await selectOrganization(context);
      const org = organization.billingAccountNumber;
      const entity = options.projectId ? { kind: "project", organization: org, projectKey: (await selectProject(context, organization)).projectKey } : { kind: "organization", organization: org };
      const views = await context.views();
      const page = await firstItems((p) => views.internalIdHistory(entity, p), options.limit, options.after);
      context.output.table({
        columns: [
          { header: "Internal ID", cell: (row) => row.internalId },
          { header: "Assigned (UTC)", cell: (row) => utcTimestamp(row.assignedAt) },
          { header: "Retired (UTC)", cell: (row) => row.retiredAt === null ? "current" : utcTimestamp(row.retiredAt) }
        ],
        rows: page.rows,
        json: (row) => row
      });
      noticeTruncated(context.output, page.next);
    });
  });
}

// src/commands/demo.ts
import { mkdtempSync as mkdtempSync2, rmSync as rmSync3 } from "fs";
import { tmpdir as tmpdir2 } from "os";
import path14 from "path";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createMemoryRowStore as createMemoryRowStore2, openLedgerReader as openLedgerReader2 } from "@cloud-ledger/projections";

// src/demo/acme-repository.ts
import { execFileSync } from "child_process";
import { appendFileSync, cpSync, existsSync as existsSync6 } from "fs";
import path13 from "path";
import { fileURLToPath, pathToFileURL } from "url";
function acmeProjectFolder() {
  let folder = path13.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = path13.join(folder, "demo", "acme");
    if (existsSync6(path13.join(candidate, "meltano.yml"))) return candidate;
    folder = path13.dirname(folder);
  }
  throw new Error("The demo's Acme Meltano project (demo/acme/meltano.yml) is missing from this installation.");
}
function gitIn(directory, date) {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Acme Data Team",
    GIT_AUTHOR_EMAIL: "data@acme.example",
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: "Acme Data Team",
    GIT_COMMITTER_EMAIL: "data@acme.example",
    GIT_COMMITTER_DATE: date
  };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  return (...args) => execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", "-c", "core.autocrlf=false", ...args], {
    cwd: directory,
    env,
    encoding: "utf8"
  }).trim();
}
function pushConfigChange(repository) {
  const git = gitIn(repository.directory, "2023-06-01T18:00:00Z");
  const file = path13.join(repository.directory, "meltano.yml");
  appendFileSync(file, "# 2023-06-01: widen the GitHub sync's start date\n");
  git("commit", "--quiet", "-am", "GitHub sync: wider start date");
  return git("rev-parse", "HEAD");
}
function createAcmeRepository(directory) {
  cpSync(acmeProjectFolder(), directory, { recursive: true });
  const git = gitIn(directory, "2023-06-01T09:00:00Z");
  git("init", "--quiet", "--initial-branch=main");
  git("add", "-A");
  git("commit", "--quiet", "-m", "Acme Data Project: prod and staging environments, daily-transforms schedule");
  git("tag", "v1.0.0");
  return { directory, url: pathToFileURL(directory).href, commit: git("rev-parse", "HEAD") };
}

// src/demo/play-story.ts
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
var ALICE = { githubUserId: "5830001", login: "alice-acme" };
var BOB = { githubUserId: "5830002", login: "bob-acme" };
var PROJECT_NAME = "Acme Data Project";
function eventData(events, type) {
  const event = events.find((candidate) => candidate.type === type);
  if (event === void 0) throw new Error(`The demo expected a ${type} event`);
  return event.data;
}
async function playAcmeStory(store, repository) {
  const clock = createSteppingClock("2023-06-01T09:00:00.000Z", 7e3);
  const client = createControlPlaneClient({ store, clock, ids: createSeededIdGenerator(2023, clock) });
  const steps = [];
  const step = (text) => {
    steps.push(text);
  };
  const created = await client.dispatch(ALICE, { type: "CreateOrganization", name: "acme" });
  const organization = String(eventData(created.events, "OrganizationCreated").organization);
  step(`alice-acme signs in with GitHub and creates the organization 'acme' (billing account ${organization})`);
  await client.dispatch(ALICE, {
    type: "InstallGitHubApp",
    organization,
    installationId: "4242",
    account: "acme",
    accountType: "organization"
  });
  await client.dispatch(ALICE, { type: "GrantRepository", organization, installationId: "4242", repositoryUrl: repository.url });
  step(`alice-acme installs the GitHub App and grants it ${repository.url}`);
  const project = await client.dispatch(ALICE, { type: "CreateProject", organization, name: PROJECT_NAME, repositoryUrl: repository.url });
  const projectKey = String(eventData(project.events, "ProjectCreated").projectKey);
  step(`alice-acme creates the project '${PROJECT_NAME}' (root path '.')`);
  await client.dispatch(BOB, { type: "SignUpUser", githubUserId: BOB.githubUserId, login: BOB.login });
  await client.dispatch(ALICE, { type: "AddMember", organization, githubUserId: BOB.githubUserId, role: "maintainer" });
  step("alice-acme adds bob-acme as a maintainer");
  for (const environment of ["prod", "staging"]) {
    await client.dispatch(BOB, { type: "CreateDeployment", organization, projectKey, name: environment, environment, gitRev: "main" });
    step(
      `bob-acme deploys the '${environment}' environment from branch main (commit ${repository.commit.slice(0, 7)}); every schedule starts disabled`
    );
  }
  await client.dispatch(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "daily-transforms" });
  step("bob-acme enables daily-transforms on prod only");
  await client.dispatch(BOB, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "hourly-github-sync" });
  step("bob-acme enables hourly-github-sync on prod");
  const run = await client.dispatch(BOB, {
    type: "RunSchedule",
    organization,
    projectKey,
    deployment: "prod",
    schedule: "daily-transforms"
  });
  const executionId = String(eventData(run.events, "ExecutionRequested").executionId);
  await client.dispatchAsSystem("runner", { type: "StartExecution", organization, projectKey, executionId });
  await client.dispatchAsSystem("runner", { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 });
  step(`bob-acme runs daily-transforms on prod now; the runner reports execution ${executionId} started and succeeded`);
  const regenerated = await client.dispatchAsSystem("platform", { type: "RegenerateProjectId", organization, projectKey });
  const ids = eventData(regenerated.events, "ProjectIdRegenerated");
  step(
    `the platform regenerates the project's internal ID ${String(ids.previousInternalId)} \u2192 ${String(ids.internalId)} (nothing else changes: every reference uses stable keys)`
  );
  return { organization, projectKey, executionId, steps };
}

// src/demo/schedules-and-pushes.ts
import { createControlPlane as createControlPlane4 } from "@cloud-ledger/domain";
import { createScheduler as createScheduler2 } from "@cloud-ledger/projections";
import { createFixedClock } from "@cloud-ledger/adapters/clock";
import { createGitResolver as createGitResolver4 } from "@cloud-ledger/adapters/git";
import { createSeededIdGenerator as createSeededIdGenerator2 } from "@cloud-ledger/adapters/ids";
import { nodeSha256Hex as nodeSha256Hex6 } from "@cloud-ledger/adapters/crypto";
var MINUTE = 6e4;
var HOUR = 60 * MINUTE;
function nominal(tickId) {
  return new Date(Math.round(Date.parse(tickId.slice(-24)) / HOUR) * HOUR).toISOString().slice(11, 16);
}
async function playSchedulesAndPushes(store, repository, story) {
  const clock = createFixedClock("2023-06-01T09:30:00.000Z");
  const ids = createSeededIdGenerator2(2024, clock);
  const controlPlane = createControlPlane4({ store, clock, ids, git: createGitResolver4(), sha256: nodeSha256Hex6 });
  const scheduler = createScheduler2({ controlPlane, store, clock });
  const lines = [];
  const narrate = (pass) => {
    const time = pass.now.slice(11, 16);
    for (const m of pass.missed) {
      const span = `${nominal(m.firstTickId)} .. ${nominal(m.lastTickId)}`;
      lines.push(`the scheduler (fake clock ${time}) records ${m.count} ticks of ${m.schedule} on ${m.deployment} as missed (${span})`);
    }
    for (const r of pass.requested) {
      lines.push(`the scheduler (fake clock ${time}) requests ${r.schedule} on ${r.deployment} for its ${nominal(r.tickId)} tick`);
    }
  };
  for (let pass = 0; pass < 9; pass += 1) {
    clock.advance(20 * MINUTE);
    narrate(await scheduler.tick());
  }
  clock.advance(6 * 60 * MINUTE);
  lines.push("the scheduler is down for six hours; when it is back, only the latest due tick runs");
  narrate(await scheduler.tick());
  const commit = pushConfigChange(repository);
  clock.advance(MINUTE);
  const pushed = await controlPlane.dispatch({
    command: { type: "NotifyBranchUpdated", organization: story.organization, repositoryUrl: repository.url, branch: "main" },
    commandId: ids.ulid(),
    actor: "system:github-webhook"
  });
  if (pushed._tag === "Left") throw new Error(`The demo's push was refused: ${pushed.left.kind}`);
  const redeployed = pushed.right.events.flatMap((e) => e.type === "DeploymentRedeployed" ? [e.data.deployment] : []);
  lines.push(
    `a push to main (commit ${commit.slice(0, 7)}, only a plugin's config changed) redeploys ${redeployed.join(" and ")}; enabled schedules stay enabled`
  );
  return lines;
}

// src/commands/demo.ts
function registerDemoCommand(program) {
  program.command("demo").description(
    "Play the Acme story on a temporary git repository and SQLite store, then show the schedule matrix, the audit trail and audit verify"
  ).option("--keep", "keep the temporary folder (and print its path) to explore it with --store", false).action(async function(options) {
    const globals = readGlobals(this);
    const output = createOutput(globals.format);
    const folder = mkdtempSync2(path14.join(tmpdir2(), "cloud-ledger-demo-"));
    const terminal = globals.format !== "json";
    const say = (text) => {
      if (terminal) process.stdout.write(`${text}
`);
    };
    try {
      const repository = createAcmeRepository(path14.join(folder, "acme"));
      const storePath = path14.join(folder, "ledger.sqlite");
      const store = openSqliteEventStore({ path: storePath });
      try {
        say(globals.format === "markdown" ? "## The story" : "The story");
        const played = await playAcmeStory(store, repository);
        const story = { ...played, steps: [...played.steps, ...await playSchedulesAndPushes(store, repository, played)] };
        for (const [index, text] of story.steps.entries()) say(`${index + 1}. ${text}`);
        const views = await openLedgerReader2(store, createMemoryRowStore2());
        const matrix = await views.scheduleMatrix(story.organization, story.projectKey, { from: "2023-06-01T12:00:00.000Z" });
        const trail2 = await views.auditTrail(story.organization, {});
        const report2 = await auditWithProgress(store, { json: !terminal });
        if (!terminal) {
          output.result("", {
            story: story.steps,
            deployments: (await views.deployments(story.organization, story.projectKey)).rows,
            scheduleMatrix: matrix,
            history: (await views.history(story.organization, story.projectKey, {})).rows,
            auditTrail: trail2,
            audit: report2,
            ...options.keep ? { folder, store: `sqlite:${storePath}`, repository: repository.url } : {}
          });
        } else {
          say(globals.format === "markdown" ? `
## Schedule matrix of '${PROJECT_NAME}'` : `
Schedule matrix of '${PROJECT_NAME}'`);
          output.table(matrixListing(matrix));
          say(globals.format === "markdown" ? "\n## Audit trail of 'acme'" : "\nAudit trail of 'acme'");
          output.table(await trailListing(views, story.organization, trail2));
          say(globals.format === "markdown" ? "\n## Audit verify" : "\nAudit verify");
          say(report2.ok ? auditPassedText(report2) : auditFailedText(report2.fault));
          if (options.keep)
            say(
              `
Kept ${folder}: try \`cloud-ledger audit trail --store sqlite:${storePath} --as alice-acme\` after \`cloud-ledger login --github-user 5830001 --login alice-acme\`.`
            );
        }
        if (!report2.ok) throw new CliFailure("The demo's own log failed its audit.", "audit-failed");
      } finally {
        await store.close();
      }
    } finally {
      if (!options.keep) rmSync3(folder, { recursive: true, force: true });
    }
  });
}

// src/program-base.ts
import { Command } from "commander";
function createBaseProgram() {
  const program = new Command("cloud-ledger").description("Run the Meltano Cloud control plane locally on an embedded event store, and audit any event log.").version("0.1.0").exitOverride().showHelpAfterError("(add --help for additional information)").configureOutput({
    writeOut: (text) => process.stdout.write(terminalText(text)),
    writeErr: (text) => process.stderr.write(terminalText(text))
  });
  addGlobalOptions(program);
  return program;
}

// src/program.ts
function buildProgram() {
  const program = createBaseProgram();
  registerSessionCommands(program);
  registerManifestCommand(program);
  registerOrgCommands(program);
  registerProjectCommands(program);
  registerDeploymentCommands(program);
  registerScheduleCommands(program);
  registerRunCommand(program);
  registerJobCommands(program);
  registerRunnerCommands(program);
  registerLogsCommands(program);
  registerSchedulerCommands(program);
  registerNotificationsCommands(program, persistedOutbox);
  registerHistoryCommand(program);
  registerConfigCommands(program);
  registerStateCommands(program);
  registerAuditCommands(program);
  registerLogCommands(program);
  registerIdsCommands(program);
  registerDemoCommand(program);
  return program;
}
export {
  buildProgram,
  renderMarkdownTable,
  renderTerminalTable
};
//# sourceMappingURL=index.js.map