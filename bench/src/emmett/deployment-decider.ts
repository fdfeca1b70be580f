import type { Command, Event } from "@event-driven-io/emmett";
import { EmmettError } from "@event-driven-io/emmett";

/*
 * Emmett's side of the side-by-side benchmark: the same deployment rules as our domain's deployment decider (create
 * once with the manifest's schedules, all disabled; enable/disable per schedule, no event when nothing changes; an
 * unknown schedule is refused with Meltano's message) written the Emmett way — plain decide/evolve that throw on
 * a refused command, as Emmett's DeciderCommandHandler expects.
 */

export interface Schedule {
  readonly name: string;
  readonly interval: string;
}

type Ref = { projectKey: string; deployment: string };

export type EmmettDeploymentEvent =
  | Event<"DeploymentCreated", Ref & { environment: string; gitRev: string; commit: string; schedules: Schedule[] }>
  | Event<"ScheduleEnabled", Ref & { schedule: string }>
  | Event<"ScheduleDisabled", Ref & { schedule: string }>;

export type EmmettDeploymentCommand =
  | Command<"CreateDeployment", Ref & { environment: string; gitRev: string; commit: string; schedules: Schedule[] }>
  | Command<"EnableSchedule", Ref & { schedule: string }>
  | Command<"DisableSchedule", Ref & { schedule: string }>;

export interface DeploymentState {
  readonly exists: boolean;
  readonly environment: string;
  readonly commit: string;
  /** schedule name → enabled */
  readonly schedules: Readonly<Record<string, boolean>>;
}

export const initialDeploymentState = (): DeploymentState => ({ exists: false, environment: "", commit: "", schedules: {} });

export function decideDeployment(command: EmmettDeploymentCommand, state: DeploymentState): EmmettDeploymentEvent[] {
  const { data } = command;
  switch (command.type) {
    case "CreateDeployment":
      if (state.exists) throw new EmmettError(`Deployment '${data.deployment}' already exists. Use \`meltano cloud deployment update\``);
      if (command.data.schedules.length === 0) throw new EmmettError("The project must define at least one schedule");
      return [{ type: "DeploymentCreated", data: command.data }];
    case "EnableSchedule":
    case "DisableSchedule": {
      const current = state.exists ? state.schedules[command.data.schedule] : undefined;
      if (current === undefined) {
        throw new EmmettError(`Unable to find schedule named '${command.data.schedule}' within a deployment named '${data.deployment}'`);
      }
      const wanted = command.type === "EnableSchedule";
      if (current === wanted) return [];
      return [{ type: wanted ? "ScheduleEnabled" : "ScheduleDisabled", data: command.data }];
    }
  }
}

export function evolveDeployment(state: DeploymentState, event: EmmettDeploymentEvent): DeploymentState {
  switch (event.type) {
    case "DeploymentCreated":
      return {
        exists: true,
        environment: event.data.environment,
        commit: event.data.commit,
        schedules: Object.fromEntries(event.data.schedules.map((s) => [s.name, false])),
      };
    case "ScheduleEnabled":
      return { ...state, schedules: { ...state.schedules, [event.data.schedule]: true } };
    case "ScheduleDisabled":
      return { ...state, schedules: { ...state.schedules, [event.data.schedule]: false } };
  }
}
