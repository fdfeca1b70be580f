import { createControlPlane, type EventStore } from "@cloud-ledger/domain";
import { createScheduler, type SchedulerPass } from "@cloud-ledger/projections";
import { createFixedClock } from "@cloud-ledger/adapters/clock";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { pushConfigChange, type AcmeRepository } from "./acme-repository.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The hour a tick of an hourly schedule belongs to: ticks move by the pair's constant offset (within seven minutes),
 * which depends on the project key and so on the demo's temporary folder; the narration stays the same on every run.
 */
function nominal(tickId: string): string {
  return new Date(Math.round(Date.parse(tickId.slice(-24)) / HOUR) * HOUR).toISOString().slice(11, 16);
}

/**
 * After the story: the scheduler component runs on its own with a fast fake clock (twenty minutes a pass, then a
 * six-hour outage), turning prod's enabled schedules' ticks into executions and recording the ticks the outage
 * skipped as missed; then a push to main redeploys every deployment tracking it. Returns one narration line per step.
 */
export async function playSchedulesAndPushes(
  store: EventStore,
  repository: AcmeRepository,
  story: { readonly organization: string },
): Promise<string[]> {
  const clock = createFixedClock("2023-06-01T09:30:00.000Z");
  const ids = createSeededIdGenerator(2024, clock);
  const controlPlane = createControlPlane({ store, clock, ids, git: createGitResolver(), sha256: nodeSha256Hex });
  const scheduler = createScheduler({ controlPlane, store, clock });
  const lines: string[] = [];
  const narrate = (pass: SchedulerPass): void => {
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
    actor: "system:github-webhook",
  });
  if (pushed._tag === "Left") throw new Error(`The demo's push was refused: ${pushed.left.kind}`);
  const redeployed = pushed.right.events.flatMap((e) => (e.type === "DeploymentRedeployed" ? [e.data.deployment] : []));
  lines.push(
    `a push to main (commit ${commit.slice(0, 7)}, only a plugin's config changed) redeploys ${redeployed.join(" and ")}; ` +
      "enabled schedules stay enabled",
  );
  return lines;
}
