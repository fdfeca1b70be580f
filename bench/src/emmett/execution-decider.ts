import type { Command, Event } from "@event-driven-io/emmett";
import { EmmettError } from "@event-driven-io/emmett";

/** Emmett's version of our execution lifecycle: requested → started → finished (or stopped), and nothing else. */

type Ref = { projectKey: string; executionId: string };

export type EmmettExecutionEvent =
  | Event<
      "ExecutionRequested",
      Ref & { deployment: string; schedule: string; environment: string; commit: string; trigger: "adhoc" | "scheduled" }
    >
  | Event<"ExecutionStarted", Ref>
  | Event<"ExecutionFinished", Ref & { exitCode: number }>;

export type EmmettExecutionCommand =
  | Command<
      "RequestExecution",
      Ref & { deployment: string; schedule: string; environment: string; commit: string; trigger: "adhoc" | "scheduled" }
    >
  | Command<"StartExecution", Ref>
  | Command<"FinishExecution", Ref & { exitCode: number }>;

export type ExecutionStatus = "none" | "requested" | "running" | "finished";

export interface ExecutionState {
  readonly status: ExecutionStatus;
}

export const initialExecutionState = (): ExecutionState => ({ status: "none" });

export function decideExecution(command: EmmettExecutionCommand, state: ExecutionState): EmmettExecutionEvent[] {
  switch (command.type) {
    case "RequestExecution":
      if (state.status !== "none") throw new EmmettError(`Execution '${command.data.executionId}' already exists`);
      return [{ type: "ExecutionRequested", data: command.data }];
    case "StartExecution":
      if (state.status !== "requested") throw new EmmettError(`Execution '${command.data.executionId}' is not waiting to start`);
      return [{ type: "ExecutionStarted", data: command.data }];
    case "FinishExecution":
      if (state.status === "finished") throw new EmmettError("Execution is already stopped");
      if (state.status !== "running") throw new EmmettError(`Execution '${command.data.executionId}' is not running`);
      return [{ type: "ExecutionFinished", data: command.data }];
  }
}

export function evolveExecution(_state: ExecutionState, event: EmmettExecutionEvent): ExecutionState {
  switch (event.type) {
    case "ExecutionRequested":
      return { status: "requested" };
    case "ExecutionStarted":
      return { status: "running" };
    case "ExecutionFinished":
      return { status: "finished" };
  }
}
