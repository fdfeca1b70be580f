import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createMemoryRowStore, openLedgerReader } from "@cloud-ledger/projections";
import { createAcmeRepository } from "../demo/acme-repository.js";
import { playAcmeStory, PROJECT_NAME } from "../demo/play-story.js";
import { playSchedulesAndPushes } from "../demo/schedules-and-pushes.js";
import { createOutput } from "../output/output.js";
import { CliFailure } from "../runtime/cli-errors.js";
import { readGlobals } from "../runtime/global-options.js";
import { auditFailedText, auditPassedText, auditWithProgress, trailListing } from "./audit.js";
import { matrixListing } from "./schedule.js";

/**
 * `cloud-ledger demo`: a real git repository and an embedded SQLite store in a temporary folder, the seed's story
 * played on them, then the schedule matrix, the audit trail and `audit verify`. Nothing is left behind unless --keep.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "Play the Acme story on a temporary git repository and SQLite store, then show the schedule matrix, the audit trail and audit verify",
    )
    .option("--keep", "keep the temporary folder (and print its path) to explore it with --store", false)
    .action(async function (this: Command, options: { keep: boolean }) {
      const globals = readGlobals(this);
      const output = createOutput(globals.format);
      const folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-demo-"));
      const terminal = globals.format !== "json";
      const say = (text: string): void => {
        if (terminal) process.stdout.write(`${text}\n`);
      };
      try {
        const repository = createAcmeRepository(path.join(folder, "acme"));
        const storePath = path.join(folder, "ledger.sqlite");
        const store = openSqliteEventStore({ path: storePath });
        try {
          say(globals.format === "markdown" ? "## The story" : "The story");
          const played = await playAcmeStory(store, repository);
          const story = { ...played, steps: [...played.steps, ...(await playSchedulesAndPushes(store, repository, played))] };
          for (const [index, text] of story.steps.entries()) say(`${index + 1}. ${text}`);
          const views = await openLedgerReader(store, createMemoryRowStore());
          const matrix = await views.scheduleMatrix(story.organization, story.projectKey, { from: "2023-06-01T12:00:00.000Z" });
          const trail = await views.auditTrail(story.organization, {});
          const report = await auditWithProgress(store, { json: !terminal });
          if (!terminal) {
            output.result("", {
              story: story.steps,
              deployments: (await views.deployments(story.organization, story.projectKey)).rows,
              scheduleMatrix: matrix,
              history: (await views.history(story.organization, story.projectKey, {})).rows,
              auditTrail: trail,
              audit: report,
              ...(options.keep ? { folder, store: `sqlite:${storePath}`, repository: repository.url } : {}),
            });
          } else {
            say(globals.format === "markdown" ? `\n## Schedule matrix of '${PROJECT_NAME}'` : `\nSchedule matrix of '${PROJECT_NAME}'`);
            output.table(matrixListing(matrix));
            say(globals.format === "markdown" ? "\n## Audit trail of 'acme'" : "\nAudit trail of 'acme'");
            output.table(await trailListing(views, story.organization, trail));
            say(globals.format === "markdown" ? "\n## Audit verify" : "\nAudit verify");
            say(report.ok ? auditPassedText(report) : auditFailedText(report.fault));
            if (options.keep)
              say(
                `\nKept ${folder}: try \`cloud-ledger audit trail --store sqlite:${storePath} --as alice-acme\` after ` +
                  `\`cloud-ledger login --github-user 5830001 --login alice-acme\`.`,
              );
          }
          if (!report.ok) throw new CliFailure("The demo's own log failed its audit.", "audit-failed");
        } finally {
          await store.close();
        }
      } finally {
        if (!options.keep) rmSync(folder, { recursive: true, force: true });
      }
    });
}
