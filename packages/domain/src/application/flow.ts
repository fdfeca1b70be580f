import type { CommandOf, ControlPlaneCommand, ControlPlaneCommandType } from "../commands.js";
import type { Dispatch, DispatchSuccess, Step } from "./dispatch-context.js";

/**
 * A command's flow, with the streams it reads. `streams` names every stream the command (with the dispatch's actor and
 * derived ids) tells up front; the dispatch reads them together before `run` (see StreamReader.readAhead). Streams
 * only state can tell (a fan-out over a register) the flow reads ahead itself, through `Dispatch.readAhead`.
 * A test checks, for every command type, that each stream a flow reads was declared one way or the other.
 */
export interface DeclaredFlow<C extends ControlPlaneCommand> {
  readonly streams: (command: C, run: Dispatch) => readonly string[];
  readonly run: (run: Dispatch, command: C) => Step<DispatchSuccess>;
}

/** A flow that declares no streams: it works, reading stream by stream, and the flow declarations test names it. */
export type UndeclaredFlow<C extends ControlPlaneCommand> = (run: Dispatch, command: C) => Step<DispatchSuccess>;

export type Flow<C extends ControlPlaneCommand> = DeclaredFlow<C> | UndeclaredFlow<C>;

export type FlowTable = { readonly [T in ControlPlaneCommandType]: Flow<CommandOf<T>> };

export const isDeclared = <C extends ControlPlaneCommand>(flow: Flow<C>): flow is DeclaredFlow<C> => typeof flow !== "function";

/** The streams a flow declares for a command (none for an undeclared flow). */
export function declaredStreams<C extends ControlPlaneCommand>(flow: Flow<C>, command: C, run: Dispatch): readonly string[] {
  return isDeclared(flow) ? flow.streams(command, run) : [];
}

export function runFlow<C extends ControlPlaneCommand>(flow: Flow<C>, run: Dispatch, command: C): Step<DispatchSuccess> {
  return isDeclared(flow) ? flow.run(run, command) : flow(run, command);
}
