import { InvalidArgumentError, type Command } from "commander";
import { echo, formatCredits, parsePurchaseAmount, type ConsumedRun } from "@cloud-ledger/domain";
import { creditsAfter } from "@cloud-ledger/projections";
import { withContext } from "../runtime/command-context.js";
import { selectOrganization } from "../runtime/selection.js";

/** `--amount`: credits as typed ("100", "12.5"); a malformed amount is a usage error naming why. */
function parseAmount(value: string): string {
  const parsed = parsePurchaseAmount(value);
  if (parsed._tag === "Left") throw new InvalidArgumentError(`Invalid amount of credits '${echo(value)}': ${parsed.left}.`);
  return value.trim();
}

/** HH:MM:SS, as `history` shows a duration. */
function runtimeOf(run: ConsumedRun): string {
  const seconds = Math.max(0, Math.floor((Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000));
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

function chargeJson(run: ConsumedRun) {
  const { executionId, deployment, schedule, trigger, runClass, startedAt, endedAt, credits } = run;
  return { executionId, deployment, schedule, trigger, runClass, startedAt, endedAt, runtime: runtimeOf(run), credits };
}

/**
 * `org credits`: the balance, what runs used, runs by class (rule 42) and the latest charges; `org credits purchase`
 * records credits bought (Meltano Cloud Beta sells them through sales; an owner records the purchase here).
 */
export function registerCreditsCommands(org: Command): void {
  const credits = org
    .command("credits")
    .description("Credits: the balance, credits used, runs by class and recent charges")
    .action(function (this: Command) {
      return withContext(this, "read", async (context) => {
        const organization = await selectOrganization(context);
        // From the persisted rows (one per organization), not a fold of the credits stream, which grows with every run.
        const state = await (await context.views()).credits(organization.billingAccountNumber);
        const base = { organization: organization.billingAccountNumber, name: organization.name };
        if (state.status === "unmetered") {
          context.output.result(
            `Organization '${organization.name}' has never purchased credits: its runs are not metered (neither charged nor refused).`,
            { ...base, metered: false },
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
          recentCharges: recent,
        };
        context.output.details(
          [
            ["Organization", organization.name],
            ["Balance", `${json.balance} credits${json.exhausted ? " (exhausted: pipelines do not run until credits are purchased)" : ""}`],
            ["Purchased", `${json.purchased} credits`],
            ["Used", `${json.used} credits`],
            ["Runs", `${state.runs.frequent} frequent, ${state.runs.infrequent} infrequent`],
          ],
          json,
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
            { header: "Ended", cell: (row) => row.endedAt },
          ],
          rows: recent,
          json: (row) => row,
          empty: "No run has been charged yet.",
        });
      });
    });

  credits
    .command("purchase")
    .description("Record credits bought for the organization (an owner)")
    .requiredOption("--amount <credits>", "credits bought, e.g. 100 or 12.5 (at most three decimals)", parseAmount)
    .action(function (this: Command, options: { amount: string }) {
      return withContext(this, "write", async (context) => {
        const organization = await selectOrganization(context);
        // The balance this purchase leaves: the persisted row read before the write, with this dispatch's events folded in
        // by the read model's own fold (a write answers from its result; another process's charge in between shows
        // in the next `org credits`).
        const before = await (await context.views()).credits(organization.billingAccountNumber);
        const done = await context.dispatch({
          type: "PurchaseCredits",
          organization: organization.billingAccountNumber,
          amount: options.amount,
        });
        const state = creditsAfter(organization.billingAccountNumber, before, done.events);
        const bought = done.events.find((e) => e.type === "CreditsPurchased")?.data.credits ?? "0";
        const balance = state.status === "metered" ? formatCredits(state.balance) : "0";
        context.output.result(`Added ${bought} credits to '${organization.name}'; the balance is ${balance} credits.`, {
          organization: organization.billingAccountNumber,
          purchased: bought,
          balance,
        });
      });
    });
}
