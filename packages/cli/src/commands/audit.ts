import { Option, type Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  auditStore,
  parseSealFile,
  sealStatementOf,
  type AuditFault,
  type AuditProgress,
  type EventStore,
  type SealStatement,
} from "@cloud-ledger/domain";
import { nodeSha256Hex, signSeal, verifySeal } from "@cloud-ledger/adapters/crypto";
import type { AuditEntry, AuditQuery } from "@cloud-ledger/projections";
import type { Listing } from "../output/output.js";
import { createProgress } from "../output/progress.js";
import { CliFailure, UsageError } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import type { LedgerViews } from "../runtime/ledger-views.js";
import { parseExecutionId, parseInstant, parseName, parsePositiveInteger } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { currentInstant } from "../runtime/now.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { utcTimestamp } from "./deployment.js";

export type AuditReport =
  | { readonly ok: true; readonly events: number; readonly streams: number; readonly position: number; readonly tipsDigest: string }
  | { readonly ok: false; readonly fault: AuditFault };

/** The library's audit (chains, then meaning, then the seal when given), with a progress bar per phase on a terminal. */
export async function auditWithProgress(
  store: EventStore,
  options: { readonly json: boolean; readonly seal?: SealStatement },
): Promise<AuditReport> {
  const total = await store.headPosition();
  const bars = { chains: createProgress("Verifying hash chains", options), replay: createProgress("Replaying streams", options) };
  let phase: AuditProgress["phase"] | undefined;
  const onProgress = (progress: AuditProgress): void => {
    if (phase !== progress.phase) {
      if (phase !== undefined) bars[phase].stop();
      phase = progress.phase;
      bars[phase].start(total);
    }
    bars[phase].update(progress.events);
  };
  const result = await auditStore(store, {
    sha256: nodeSha256Hex,
    onProgress,
    ...(options.seal === undefined ? {} : { seal: options.seal }),
  }).finally(() => {
    if (phase !== undefined) bars[phase].stop();
  });
  if (!result.ok) return { ok: false, fault: result.fault };
  const { events, streams, position, tipsDigest } = result.head;
  return { ok: true, events, streams, position, tipsDigest };
}

export function auditPassedText(report: { readonly events: number; readonly streams: number }): string {
  return (
    `Audit passed: ${report.events} events in ${report.streams} streams. Every event decodes, every hash chain holds, ` +
    `every stream replays through its decider and the invariants hold.`
  );
}

export function auditFailedText(fault: AuditFault): string {
  if (fault.kind === "seal-mismatch") return `Audit failed against the seal at position ${fault.position}: ${fault.message}`;
  return `Audit failed at stream '${fault.streamName}' version ${fault.version}: ${fault.message}`;
}

function readKeyFile(file: string, what: string): string {
  try {
    return readFileSync(path.resolve(file), "utf8");
  } catch (error) {
    throw new CliFailure(`Cannot read the ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`, "key-unreadable");
  }
}

/** The seal file's statement, once its signature verifies with the operator's public key. */
function verifiedSeal(sealFile: string, publicKeyFile: string): SealStatement {
  const parsed = parseSealFile(readKeyFile(sealFile, "seal"));
  if (parsed._tag === "Left") throw new CliFailure(`Cannot use the seal ${sealFile}: ${parsed.left}.`, "seal-invalid");
  const verified = verifySeal(parsed.right, readKeyFile(publicKeyFile, "public key"));
  if (verified._tag === "Left") throw new CliFailure(`Cannot use the seal ${sealFile}: ${verified.left}.`, "seal-invalid");
  return verified.right;
}

interface VerifyOptions {
  readonly seal?: string;
  readonly publicKey?: string;
}

async function verify(context: CommandContext, options: VerifyOptions): Promise<void> {
  if ((options.seal === undefined) !== (options.publicKey === undefined)) throw new UsageError("--seal and --public-key go together.");
  const seal = options.seal === undefined || options.publicKey === undefined ? undefined : verifiedSeal(options.seal, options.publicKey);
  const report = await auditWithProgress(context.store, {
    json: context.output.format === "json",
    ...(seal === undefined ? {} : { seal }),
  });
  if (!report.ok) {
    if (context.output.format === "json") context.output.result("", report);
    throw new CliFailure(auditFailedText(report.fault), "audit-failed");
  }
  const sealed = seal === undefined ? "" : ` The ledger up to position ${seal.position} is the one sealed at ${seal.sealedAt}.`;
  context.output.result(`${auditPassedText(report)}${sealed}`, { ...report, ...(seal === undefined ? {} : { seal }) });
}

interface SealOptions {
  readonly privateKey: string;
  readonly output: string;
}

/** Audits the ledger, then signs its head; the file is written only when the audit passes and never over another. */
async function seal(context: CommandContext, options: SealOptions): Promise<void> {
  const privateKey = readKeyFile(options.privateKey, "private key");
  const report = await auditWithProgress(context.store, { json: context.output.format === "json" });
  if (!report.ok) throw new CliFailure(`Not sealing: ${auditFailedText(report.fault)}`, "audit-failed");
  const signed = signSeal(sealStatementOf(report, currentInstant()), privateKey);
  if (signed._tag === "Left") throw new CliFailure(`Cannot seal with ${options.privateKey}: ${signed.left}.`, "key-invalid");
  const target = path.resolve(options.output);
  try {
    writeFileSync(target, `${JSON.stringify(signed.right, null, 2)}\n`, { flag: "wx" });
  } catch (error) {
    throw new CliFailure(`Cannot write the seal ${target}: ${error instanceof Error ? error.message : String(error)}`, "seal-unwritable");
  }
  const { statement } = signed.right;
  context.output.result(
    `Sealed the ledger's head at position ${statement.position} (${statement.events} events in ${statement.streams} streams) in ${target}.`,
    {
      file: target,
      ...statement,
    },
  );
}

interface TrailOptions {
  readonly actor?: string;
  readonly entity?: AuditEntity;
  readonly deployment?: string;
  readonly execution?: string;
  readonly from?: string;
  readonly to?: string;
  readonly asOf?: string;
  readonly limit?: number;
  readonly after?: string;
  readonly newestFirst: boolean;
}
type AuditEntity = "organization" | "project" | "deployment" | "execution" | "credits" | "state";

/**
 * Friendly names for the trail: logins for actors, project and organization names for keys. Looked up once for the
 * entries shown (the views answer asynchronously, by key), then used synchronously by the table.
 */
async function namer(views: LedgerViews, organization: string, entries: readonly AuditEntry[]) {
  const projects = new Map(
    (await firstItems((p) => views.projects(organization, p), Number.MAX_SAFE_INTEGER)).rows.map((project) => [
      project.projectKey,
      project.name,
    ]),
  );
  const logins = new Map<string, string | undefined>();
  const organizations = new Map<string, string | undefined>();
  for (const entry of entries) {
    const user = /^github:(\d+)$/.exec(entry.actor)?.[1];
    if (user !== undefined && !logins.has(user)) logins.set(user, await views.login(user));
    const { kind, key } = entry.entity;
    if (kind === "organization" && !organizations.has(key)) organizations.set(key, (await views.organization(key))?.name);
  }
  return {
    actor: (actor: string): string => {
      const match = /^github:(\d+)$/.exec(actor);
      const login = match?.[1] === undefined ? undefined : logins.get(match[1]);
      return login === undefined ? actor : `${login} (${actor})`;
    },
    entity: (entry: AuditEntry): string => {
      const { kind, key } = entry.entity;
      if (kind === "project") return `project '${projects.get(key) ?? key}'`;
      if (kind === "organization") return `organization '${organizations.get(key) ?? key}'`;
      if (kind === "organization-name") return `organization name '${key}'`;
      if (kind === "deployment") {
        const [projectKey = "", deployment = ""] = key.split(".");
        const named = `deployment '${deployment}' of '${projects.get(projectKey) ?? projectKey}'`;
        // An enable/disable changes one schedule of the deployment: name it.
        return entry.schedule === undefined ? named : `schedule '${entry.schedule}' of ${named}`;
      }
      if (kind === "state") {
        // `<project key>.<state id>`: the key is hex, so the first dot ends it (a state id may hold dots).
        const dot = key.indexOf(".");
        return `state '${key.slice(dot + 1)}' of '${projects.get(key.slice(0, dot)) ?? key.slice(0, dot)}'`;
      }
      return `${kind} ${key}`;
    },
  };
}

function resolveActor(context: CommandContext, actor: string): string {
  if (/^(github:\d+|system:[a-z0-9-]+)$/.test(actor)) return actor;
  const identity = context.session().identities[actor];
  if (identity !== undefined) return `github:${identity.githubUserId}`;
  if (/^\d+$/.test(actor)) return `github:${actor}`;
  throw new UsageError(`Unknown actor '${actor}': give a recorded login, a GitHub user id, github:<id> or system:<name>.`);
}

async function trail(context: CommandContext, options: TrailOptions): Promise<void> {
  const organization = await selectOrganization(context);
  const org = organization.billingAccountNumber;
  const views = options.asOf === undefined ? await context.views() : await context.views({ occurredAt: options.asOf });
  const query: { -readonly [K in keyof AuditQuery]: AuditQuery[K] } = { order: options.newestFirst ? "newest-first" : "oldest-first" };
  if (options.actor !== undefined) query.actor = resolveActor(context, options.actor);
  if (options.from !== undefined) query.from = options.from;
  if (options.to !== undefined) query.to = options.to;

  if (context.globals.project !== undefined || options.deployment !== undefined) {
    const project = await selectProject(context, organization);
    query.projectKey = project.projectKey;
    if (options.deployment !== undefined) query.entity = { kind: "deployment", key: `${project.projectKey}.${options.deployment}` };
  }
  if (options.execution !== undefined) query.entity = { kind: "execution", key: options.execution };
  else if (options.entity !== undefined && query.entity === undefined) query.entity = { kind: options.entity };
  // Rule 54: read a page (at most 250 entries) at a time, up to --limit, and say where the next page starts.
  const page = await firstItems((p) => views.auditTrailPage(org, query, p), options.limit ?? Number.MAX_SAFE_INTEGER, options.after);
  noticeTruncated(context.output, page.next);
  context.output.table(await trailListing(views, org, page.rows));
}

/** Audit entries as a table, with logins for actors and project names for project keys. */
export async function trailListing(views: LedgerViews, organization: string, entries: readonly AuditEntry[]): Promise<Listing<AuditEntry>> {
  const names = await namer(views, organization, entries);
  return {
    columns: [
      { header: "#", cell: (row) => String(row.position) },
      { header: "Occurred At (UTC)", cell: (row) => utcTimestamp(row.occurredAt) },
      { header: "Actor", cell: (row) => names.actor(row.actor) },
      { header: "Action", cell: (row) => row.action },
      { header: "Entity", cell: (row) => names.entity(row) },
    ],
    rows: entries,
    json: (row) => row,
    empty: "No matching events.",
  };
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("Prove the log: verify it end to end, or show who did what, when");

  audit
    .command("verify")
    .description(
      "Decode every event, check every hash chain, replay every stream through its decider, authorization and the " +
        "invariants; exit 1 at the first fault",
    )
    .option("--seal <file>", "a seal written by `audit seal`: the ledger up to its position must be exactly what was sealed")
    .option("--public-key <file>", "the Ed25519 public key (PEM) that verifies the seal")
    .action(function (this: Command, options: VerifyOptions) {
      return withContext(this, "read", (context) => verify(context, options));
    });

  audit
    .command("seal")
    .description("Audit the ledger, then write a statement of its head (position, stream tips digest, time) signed with an Ed25519 key")
    .requiredOption("--private-key <file>", "the operator's Ed25519 private key (PEM, PKCS#8)")
    .requiredOption("--output <file>", "where to write the seal (never over an existing file)")
    .action(function (this: Command, options: SealOptions) {
      return withContext(this, "read", (context) => seal(context, options));
    });

  audit
    .command("trail")
    .description("Who did what to which entity, and when (filter by actor, entity and time; --as-of for the trail as it stood)")
    .option("--actor <who>", "a recorded login, GitHub user id, github:<id> or system:<name>")
    .addOption(
      new Option("--entity <kind>", "only events about this kind of entity").choices([
        "organization",
        "project",
        "deployment",
        "execution",
        "credits",
        "state",
      ]),
    )
    .option("--deployment <name>", "only events about this deployment (of the selected project)", parseName)
    .option("--execution <id>", "only events about this execution", parseExecutionId)
    .option("--from <time>", "only events at or after this ISO-8601 time", parseInstant)
    .option("--to <time>", "only events at or before this ISO-8601 time", parseInstant)
    .option("--as-of <time>", "the log as it stood at this ISO-8601 time", parseInstant)
    .option("--limit <n>", "at most this many rows", parsePositiveInteger)
    .option("--after <cursor>", "start after this cursor (printed when the trail is truncated)")
    .option("--newest-first", "newest events first", false)
    .action(function (this: Command, options: TrailOptions) {
      return withContext(this, "read", (context) => trail(context, options));
    });
}
