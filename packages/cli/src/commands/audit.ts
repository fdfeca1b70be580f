import { Option, type Command } from "commander";
import { verifyStore, type EventStore, type StoreFault } from "@cloud-ledger/domain";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import type { AuditEntry, AuditQuery } from "@cloud-ledger/projections";
import { replayAudit } from "../audit/replay-audit.js";
import type { Listing } from "../output/output.js";
import { createProgress } from "../output/progress.js";
import { CliFailure, UsageError } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import type { LedgerViews } from "../runtime/ledger-views.js";
import { parseExecutionId, parseInstant, parseName, parsePositiveInteger } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";
import { firstItems } from "../runtime/paging.js";
import { utcTimestamp } from "./deployment.js";

function describeStoreFault(fault: StoreFault): string {
  switch (fault.kind) {
    case "hash-mismatch":
      return "hash-mismatch: the event is not the one its hash chain vouches for (edited, forged or re-linked)";
    case "version-gap":
      return `version-gap: version ${fault.version} is missing or out of place (found version ${fault.found})`;
    case "position-order":
      return `position-order: global position ${fault.globalPosition} does not follow ${fault.previousPosition}`;
    case "corrupt":
      return `corrupt: ${fault.reason}`;
  }
}

export interface AuditFaultReport {
  readonly streamName: string;
  readonly version: number;
  readonly kind: string;
  readonly message: string;
}

export type AuditReport =
  | { readonly ok: true; readonly events: number; readonly streams: number; readonly position: number }
  | { readonly ok: false; readonly fault: AuditFaultReport };

/** Hash chains first (tampering), then decoding, decider replay and invariants (meaning); the first fault wins. */
export async function auditStore(store: EventStore, options: { readonly json: boolean }): Promise<AuditReport> {
  const total = await store.headPosition();
  const chains = createProgress("Verifying hash chains", options);
  chains.start(total);
  const chainResult = await verifyStore(store, { sha256: nodeSha256Hex, onProgress: (progress) => chains.update(progress.events) }).finally(() => chains.stop());
  if (!chainResult.ok) return { ok: false, fault: { ...chainResult.fault, message: describeStoreFault(chainResult.fault) } };
  const replayProgress = createProgress("Replaying streams", options);
  replayProgress.start(chainResult.events);
  const replayed = await replayAudit(store, { onProgress: (events) => replayProgress.update(events) }).finally(() => replayProgress.stop());
  if (!replayed.ok) return { ok: false, fault: { ...replayed.fault, message: `${replayed.fault.kind}: ${replayed.fault.message}` } };
  return { ok: true, events: chainResult.events, streams: chainResult.streams, position: chainResult.position };
}

export function auditPassedText(report: { readonly events: number; readonly streams: number }): string {
  return `Audit passed: ${report.events} events in ${report.streams} streams. Every event decodes, every hash chain holds, every stream replays through its decider and the invariants hold.`;
}

async function verify(context: CommandContext): Promise<void> {
  const report = await auditStore(context.store, { json: context.output.format === "json" });
  if (!report.ok) {
    const { fault } = report;
    if (context.output.format === "json") context.output.result("", report);
    throw new CliFailure(`Audit failed at stream '${fault.streamName}' version ${fault.version}: ${fault.message}`, "audit-failed");
  }
  context.output.result(auditPassedText(report), report);
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
  readonly newestFirst: boolean;
}
type AuditEntity = "organization" | "project" | "deployment" | "execution";

/**
 * Friendly names for the trail: logins for actors, project and organization names for keys. Looked up once for the
 * entries shown (the views answer asynchronously, by key), then used synchronously by the table.
 */
async function namer(views: LedgerViews, organization: string, entries: readonly AuditEntry[]) {
  const projects = new Map(
    (await firstItems((p) => views.projects(organization, p), Number.MAX_SAFE_INTEGER)).rows.map((project) => [project.projectKey, project.name]),
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
  if (options.limit !== undefined) query.limit = options.limit;
  if (context.globals.project !== undefined || options.deployment !== undefined) {
    const project = await selectProject(context, organization);
    query.projectKey = project.projectKey;
    if (options.deployment !== undefined) query.entity = { kind: "deployment", key: `${project.projectKey}.${options.deployment}` };
  }
  if (options.execution !== undefined) query.entity = { kind: "execution", key: options.execution };
  else if (options.entity !== undefined && query.entity === undefined) query.entity = { kind: options.entity };
  const entries = await views.auditTrail(org, query);
  context.output.table(await trailListing(views, org, entries));
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
    .description("Decode every event, check every hash chain, replay every stream through its decider and check the invariants; exit 1 at the first fault")
    .action(function (this: Command) {
      return withContext(this, "read", verify);
    });

  audit
    .command("trail")
    .description("Who did what to which entity, and when (filter by actor, entity and time; --as-of for the trail as it stood)")
    .option("--actor <who>", "a recorded login, GitHub user id, github:<id> or system:<name>")
    .addOption(new Option("--entity <kind>", "only events about this kind of entity").choices(["organization", "project", "deployment", "execution"]))
    .option("--deployment <name>", "only events about this deployment (of the selected project)", parseName)
    .option("--execution <id>", "only events about this execution", parseExecutionId)
    .option("--from <time>", "only events at or after this ISO-8601 time", parseInstant)
    .option("--to <time>", "only events at or before this ISO-8601 time", parseInstant)
    .option("--as-of <time>", "the log as it stood at this ISO-8601 time", parseInstant)
    .option("--limit <n>", "at most this many rows", parsePositiveInteger)
    .option("--newest-first", "newest events first", false)
    .action(function (this: Command, options: TrailOptions) {
      return withContext(this, "read", (context) => trail(context, options));
    });
}
