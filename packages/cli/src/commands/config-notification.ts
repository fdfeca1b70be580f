import { randomBytes } from "node:crypto";
import { InvalidArgumentError, Option, type Command } from "commander";
import {
  checkRecipient,
  echo,
  escapeJsonForDisplay,
  signingSecretRef,
  validateNotificationFilters,
  type ControlPlaneCommand,
  type DispatchSuccess,
  type NotificationScope,
  type NotificationType,
} from "@cloud-ledger/domain";
import { notificationsOf, type NotificationView } from "@cloud-ledger/projections";
import { VaultError } from "@cloud-ledger/adapters/vault";
import { CliFailure, UsageError } from "../runtime/cli-errors.js";
import { openCliVault } from "../runtime/cli-vault.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { createControlPlaneClient } from "../runtime/control-plane-client.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parsePositiveInteger } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";

/** A `--filter` as the command carries it (the domain checks the vocabulary again). */
type Filter = { events?: string[]; status?: string[] };

type NotificationCommand = Extract<ControlPlaneCommand, { type: "SetNotification" | "UpdateNotification" | "DeleteNotification" }>;

const LIST_HINT = "Run `cloud-ledger config notification list` to see every notification of this scope.";
const NOTHING_TO_UPDATE = "Nothing to update. Please provide either --new or --status option to update the notification";
/** Bytes of a generated signing secret (printed as hex): as strong as the HMAC-SHA256 key it is. */
const SIGNING_SECRET_BYTES = 32;
const MAX_SECRET_STDIN_BYTES = 65_536;

function parseType(value: string): NotificationType {
  if (value !== "webhook" && value !== "email") throw new InvalidArgumentError(`Choose webhook or email, got '${echo(value)}'.`);
  return value;
}

/** One `--filter` (rule 47), checked as it is parsed: Meltano Cloud's messages, exit 2, nothing written. */
function parseFilter(item: string, previous: Filter[] = []): Filter[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(item);
  } catch {
    throw new InvalidArgumentError(`Unable to parse given json: ${echo(item)}`);
  }
  const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
  const record = parsed as Record<string, unknown>;
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.keys(record).some((key) => key !== "events" && key !== "status") ||
    Object.values(record).some((value) => !isList(value))
  ) {
    throw new InvalidArgumentError(`A filter is a JSON object with "events" and/or "status" lists of strings, got: ${echo(item)}`);
  }
  const filter = parsed as Filter;
  const checked = validateNotificationFilters([filter]);
  if (checked._tag === "Left") throw new InvalidArgumentError(checked.left.message);
  return [...previous, filter];
}

/** Rule 46: the selected project when one can be resolved, else the organization (or the organization when asked). */
async function notificationScope(context: CommandContext, organizationScope: boolean): Promise<NotificationScope> {
  const organization = await selectOrganization(context);
  const org = organization.billingAccountNumber;
  if (organizationScope) return { organization: org };
  try {
    const project = await selectProject(context, organization);
    return { organization: org, projectKey: project.projectKey };
  } catch (error) {
    // Only "no project could be picked" falls back; a project named on the command line must exist.
    const unresolved = error instanceof CliFailure && (error.code === "no-project" || error.code === "multiple-projects");
    if (unresolved && context.globals.project === undefined) return { organization: org };
    throw error;
  }
}

const scopeText = (scope: NotificationScope): string => (scope.projectKey === undefined ? "organization" : "project");

function recipientOrUsageError(type: NotificationType, recipient: string): string {
  const checked = checkRecipient(type, recipient);
  if (checked._tag === "Left") throw new UsageError(checked.left.message);
  return checked.right;
}

async function readSigningSecret(options: { signingSecretEnv?: string; signingSecretStdin?: boolean }): Promise<string | undefined> {
  if (options.signingSecretEnv !== undefined && options.signingSecretStdin === true) {
    throw new UsageError("give the signing secret one way only: --signing-secret-env NAME or --signing-secret-stdin");
  }
  if (options.signingSecretEnv !== undefined) {
    // Never echo the name: a secret pasted by mistake in its place must not end up in an error message.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.signingSecretEnv)) {
      throw new UsageError("--signing-secret-env takes the name of an environment variable (letters, digits and _)");
    }
    const value = process.env[options.signingSecretEnv];
    if (value === undefined || value === "") throw new UsageError("the environment variable named by --signing-secret-env is not set");
    return value;
  }
  if (options.signingSecretStdin !== true) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<unknown>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_SECRET_STDIN_BYTES) throw new UsageError(`the signing secret on standard input is over ${MAX_SECRET_STDIN_BYTES} bytes`);
    chunks.push(bytes);
  }
  const value = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (value === "") throw new UsageError("the signing secret on standard input is empty");
  return value;
}

/**
 * Runs a notification command through a control plane holding the CLI's vault, where webhook signing secrets go
 * (after the event is appended: see the domain's notification flow). A vault that cannot be used fails the command
 * before anything is recorded; one failing after the append is reported as such, never as a success.
 */
async function dispatchWithVault(
  context: CommandContext,
  command: NotificationCommand,
  before?: (vault: Awaited<ReturnType<typeof openCliVault>>) => Promise<NotificationCommand>,
): Promise<DispatchSuccess> {
  const vault = await openCliVault(context.globals.home, context.store);
  try {
    await vault.check();
  } catch (error) {
    if (error instanceof VaultError) throw new CliFailure(`The secret vault cannot be used: ${error.message}`, error.code);
    throw error;
  }
  const client = createControlPlaneClient({ store: context.store, vault });
  const final = before === undefined ? command : await before(vault);
  try {
    return await client.dispatch(context.identity(), final);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    throw new CliFailure(
      `The change to '${command.recipient}' is recorded in the ledger but its signing secret was not updated: ${error.message} ` +
        "Run the command again once this is fixed.",
      error.code,
    );
  }
}

async function existing(context: CommandContext, scope: NotificationScope, recipient: string): Promise<NotificationView | undefined> {
  const rows = await context.rows();
  // A scope's notifications are one row: the first page of 250 is read only to find the one asked for.
  let after: string | undefined;
  for (;;) {
    const page = await notificationsOf(rows, scope, after === undefined ? { limit: 250 } : { limit: 250, after });
    const found = page.rows.find((row) => row.recipient === recipient);
    if (found !== undefined || page.next === undefined) return found;
    after = page.next;
  }
}

const filtersText = (filters: readonly unknown[]): string => (filters.length === 0 ? "N/A" : escapeJsonForDisplay(JSON.stringify(filters)));

const scopeOption = () => new Option("--organization-scope", "the organization's notifications, even when a project is selected");
const typeArgument = (command: Command) => command.argument("<type>", "webhook or email", parseType);

/**
 * `config notification`: who hears about job runs (rules 46-50). Webhooks get a signing secret, generated on the
 * first `set` (or given), printed once, and kept in the CLI's vault for the dispatcher; it never enters an event.
 */
export function registerNotificationCommands(config: Command): void {
  const notification = config.command("notification").description("Webhook and email notifications of job runs");

  typeArgument(notification.command("set"))
    .description("Set a notification, or overwrite the one of this recipient in this scope")
    .addOption(new Option("--recipient <recipient>", "the webhook URL or email address").makeOptionMandatory())
    .addOption(
      new Option("--filter <json>", 'e.g. \'{"events": ["job_run"], "status": ["failed"]}\' (repeatable: any may match)').argParser(
        parseFilter,
      ),
    )
    .addOption(new Option("--signing-secret-env <name>", "webhooks: take the signing secret from this environment variable"))
    .addOption(new Option("--signing-secret-stdin", "webhooks: read the signing secret from standard input"))
    .addOption(scopeOption())
    .action(function (
      this: Command,
      type: NotificationType,
      options: {
        recipient: string;
        filter?: Filter[];
        signingSecretEnv?: string;
        signingSecretStdin?: boolean;
        organizationScope?: boolean;
      },
    ) {
      return withContext(this, "write", async (context) => {
        const recipient = recipientOrUsageError(type, options.recipient);
        const given = await readSigningSecret(options);
        if (given !== undefined && type !== "webhook") throw new UsageError("only a webhook has a signing secret");
        const scope = await notificationScope(context, options.organizationScope === true);
        const base = { type: "SetNotification" as const, ...scope, notificationType: type, recipient, filters: options.filter ?? [] };
        if (type === "email") await context.dispatch(base);
        // A new webhook gets a fresh secret; an overwrite keeps the one it has unless another is given.
        const generated =
          type === "webhook" && given === undefined && (await existing(context, scope, recipient)) === undefined
            ? randomBytes(SIGNING_SECRET_BYTES).toString("hex")
            : undefined;
        const signingSecret = given ?? generated;
        if (type === "webhook") await dispatchWithVault(context, signingSecret === undefined ? base : { ...base, signingSecret });
        const lines = [`Successfully set ${type} notification for ${recipient}.`, LIST_HINT];
        if (generated !== undefined)
          lines.push(`Signing secret (shown only this once; the receiver verifies the signature with it): ${generated}`);
        context.output.result(lines.join("\n"), {
          type,
          recipient,
          scope: scopeText(scope),
          set: true,
          ...(generated === undefined ? {} : { signingSecret: generated }),
        });
      });
    });

  notification
    .command("list")
    .description("The notifications of the selected project (or of the organization)")
    .option("--limit <n>", "at most this many rows", parsePositiveInteger, 10)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .addOption(scopeOption())
    .action(function (this: Command, options: { limit: number; after?: string; organizationScope?: boolean }) {
      return withContext(this, "read", async (context) => {
        const scope = await notificationScope(context, options.organizationScope === true);
        const rows = await context.rows();
        const page = await firstItems((p) => notificationsOf(rows, scope, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        context.output.table({
          columns: [
            { header: "Recipient", cell: (row: NotificationView) => row.recipient },
            { header: "Type", cell: (row) => row.type },
            { header: "Status", cell: (row) => row.status },
            { header: "Filters", cell: (row) => filtersText(row.filters) },
          ],
          rows: page.rows,
          json: (row) => ({ recipient: row.recipient, type: row.type, status: row.status, filters: row.filters }),
          empty: `No notifications in this ${scopeText(scope)}.`,
        });
      });
    });

  typeArgument(notification.command("update"))
    .description("Change a notification's recipient (--new) or status")
    .addOption(new Option("--recipient <recipient>", "the current webhook URL or email address").makeOptionMandatory())
    .addOption(new Option("--new <recipient>", "the new webhook URL or email address"))
    .addOption(new Option("--status <status>", "active or inactive").choices(["active", "inactive"]))
    .addOption(scopeOption())
    .action(function (
      this: Command,
      type: NotificationType,
      options: { recipient: string; new?: string; status?: "active" | "inactive"; organizationScope?: boolean },
    ) {
      return withContext(this, "write", async (context) => {
        // Rule 49: nothing to change is no request at all.
        if (options.new === undefined && options.status === undefined) {
          context.output.result(NOTHING_TO_UPDATE, { type, recipient: options.recipient, updated: false });
          return;
        }
        if (options.new !== undefined) recipientOrUsageError(type, options.new);
        const scope = await notificationScope(context, options.organizationScope === true);
        const command = {
          type: "UpdateNotification" as const,
          ...scope,
          notificationType: type,
          recipient: options.recipient,
          ...(options.new === undefined ? {} : { newRecipient: options.new }),
          ...(options.status === undefined ? {} : { status: options.status }),
        };
        if (type === "webhook" && options.new !== undefined) {
          // The secret follows the recipient: the flow stores it under the new one and forgets the old one.
          await dispatchWithVault(context, command, async (vault) => {
            const secret = await vault.get(signingSecretRef(scope, options.recipient));
            return secret === undefined ? command : { ...command, signingSecret: secret };
          });
        } else {
          await context.dispatch(command);
        }
        context.output.result(`Successfully updated ${type} notification`, {
          type,
          recipient: options.new ?? options.recipient,
          ...(options.status === undefined ? {} : { status: options.status }),
          updated: true,
        });
      });
    });

  typeArgument(notification.command("delete"))
    .description("Delete a notification")
    .addOption(new Option("--recipient <recipient>", "the webhook URL or email address").makeOptionMandatory())
    .addOption(scopeOption())
    .action(function (this: Command, type: NotificationType, options: { recipient: string; organizationScope?: boolean }) {
      return withContext(this, "write", async (context) => {
        const scope = await notificationScope(context, options.organizationScope === true);
        const command = { type: "DeleteNotification" as const, ...scope, notificationType: type, recipient: options.recipient };
        if (type === "webhook") await dispatchWithVault(context, command);
        else await context.dispatch(command);
        context.output.result(`Successfully deleted ${type} notification for ${options.recipient}`, {
          type,
          recipient: options.recipient,
          deleted: true,
        });
      });
    });
}
