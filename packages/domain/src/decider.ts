import type { Either } from "fp-ts/lib/Either.js";

/** Emmett's decider: three plain functions. `decide` never throws and never does I/O. */
export interface Decider<Command, Event, State, Err> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Either<Err, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
}
