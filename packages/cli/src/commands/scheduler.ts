import { InvalidArgumentError, type Command } from "commander";
import { createControlPlane, type Clock } from "@cloud-ledger/domain";
import { createScheduler, type SchedulerPass } from "@cloud-ledger/projections";
import { createScaledClock, createSystemClock } from "@cloud-ledger/adapters/clock";
import { createGitResolver } from "@cloud-ledger/adapters/git";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { parseInstant } from "../runtime/parsers.js";

interface SchedulerRunOptions {
  readonly poll: number;
  readonly once?: boolean;
  readonly fakeClock?: string;
  readonly fakeClockSpeed: number;
  readonly fakeClockAnchor?: string;
}

function parsePositiveNumber(what: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > max)
      throw new InvalidArgumentError(`${what} must be a number above 0 and at most ${max}.`);
    return n;
  };
}

/** The scheduler's clock: the wall clock, or (demos and tests only) a fake one running from an instant at some speed. */
function schedulerClock(options: SchedulerRunOptions): Clock {
  if (options.fakeClock === undefined) return createSystemClock();
  const anchorMs = options.fakeClockAnchor === undefined ? undefined : Date.parse(options.fakeClockAnchor);
  return createScaledClock({
    start: options.fakeClock,
    speed: options.fakeClockSpeed,
    ...(anchorMs === undefined ? {} : { anchorMs }),
  });
}

function report(context: CommandContext, pass: SchedulerPass): void {
  for (const m of pass.missed) {
    const first = m.firstTickId.slice(-24);
    const last = m.lastTickId.slice(-24);
    const span = m.count === 1 ? first : `${first} .. ${last}`;
    context.output.result(`Missed ${m.count} tick${m.count === 1 ? "" : "s"} of '${m.schedule}' in '${m.deployment}' (${span})`, {
      event: "ticks-missed",
      ...m,
    });
  }
  for (const r of pass.requested) {
    context.output.result(`Requested execution ${r.executionId} of '${r.schedule}' in '${r.deployment}' for tick ${r.tickId.slice(-24)}`, {
      event: "execution-requested",
      ...r,
    });
  }
}

/**
 * `scheduler run`: the platform's scheduler in the foreground. Every pass turns the due ticks of every enabled schedule
 * of every deployment into scheduled executions (the latest due tick of each schedule runs; ticks it skipped are
 * recorded as missed). Any number may run on one store. SIGINT or SIGTERM stops it after the pass in hand.
 */
export function registerSchedulerCommands(program: Command): void {
  const scheduler = program.command("scheduler").description("The scheduler: turns enabled schedules' due ticks into executions");
  scheduler
    .command("run")
    .description("Run the scheduler in the foreground until SIGINT or SIGTERM (one line per execution requested or ticks missed)")
    .option("--poll <ms>", "milliseconds between passes", parsePositiveNumber("--poll", 3_600_000), 5_000)
    .option("--once", "make one pass and exit")
    .option("--fake-clock <instant>", "FOR DEMOS AND TESTS ONLY: schedule by a fake clock that starts at this instant", parseInstant)
    .option(
      "--fake-clock-speed <factor>",
      "FOR DEMOS AND TESTS ONLY: fake-clock milliseconds per real one",
      parsePositiveNumber("--fake-clock-speed", 1e7),
      1,
    )
    .option(
      "--fake-clock-anchor <instant>",
      "FOR DEMOS AND TESTS ONLY: the real moment the fake clock reads --fake-clock (default: start-up; share it between processes)",
      parseInstant,
    )
    .action(function (this: Command, options: SchedulerRunOptions) {
      return withContext(
        this,
        "write",
        async (context) => {
          const clock = schedulerClock(options);
          const controlPlane = createControlPlane({
            store: context.store,
            clock,
            ids: context.client.ids,
            git: createGitResolver(),
            sha256: nodeSha256Hex,
          });
          const instance = createScheduler({
            controlPlane,
            store: context.store,
            clock,
            pollIntervalMs: options.poll,
            onPass: (pass) => report(context, pass),
          });
          if (options.once === true) return report(context, await instance.tick());
          const stop = new AbortController();
          const onSignal = (): void => stop.abort();
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
        { actsAsUser: false },
      );
    });
}
