import { isLeft, isRight } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";

/**
 * Emmett-style given/when/then for deciders:
 *
 *   deciderSpec(userDecider).given([signedUp]).when(changeLogin).then([loginChanged]);
 *   deciderSpec(deploymentDecider).given([]).when(enable).thenFails((e) => e.code === "schedule-not-found");
 *
 * `then` compares events structurally; `thenFails` checks a rejection. Both throw an Error describing the mismatch, so
 * they work under any test runner.
 */
export interface DeciderSpec<Command, Event, State, Err> {
  given(events: readonly Event[]): {
    when(command: Command): {
      then(expected: readonly Event[]): void;
      thenNothing(): void;
      thenFails(check?: Err | ((error: Err) => boolean)): Err;
      /** The state after folding the history and the decided events; for assertions on evolve. */
      thenState(check: (state: State) => void): void;
    };
  };
}

function render(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown): unknown =>
      v instanceof Map ? (Object.fromEntries(v) as unknown) : v instanceof Set ? [...(v as Set<unknown>)] : v,
    2,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return render(a) === render(b);
}

export function deciderSpec<Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
): DeciderSpec<Command, Event, State, Err> {
  return {
    given(history) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command) {
          const result = decider.decide(command, state);
          const decided = (): readonly Event[] => {
            if (isLeft(result)) throw new Error(`expected events, but the command was rejected: ${render(result.left)}`);
            return result.right;
          };
          return {
            then(expected) {
              const actual = decided();
              if (!sameJson(actual, expected)) throw new Error(`expected events ${render(expected)}\nbut got ${render(actual)}`);
            },
            thenNothing() {
              const actual = decided();
              if (actual.length !== 0) throw new Error(`expected no events, but got ${render(actual)}`);
            },
            thenFails(check) {
              if (isRight(result)) throw new Error(`expected a rejection, but got events ${render(result.right)}`);
              const error = result.left;
              if (typeof check === "function") {
                if (!(check as (e: Err) => boolean)(error)) throw new Error(`rejection did not match: ${render(error)}`);
              } else if (check !== undefined && !sameJson(error, check)) {
                throw new Error(`expected rejection ${render(check)}\nbut got ${render(error)}`);
              }
              return error;
            },
            thenState(check) {
              check(decided().reduce(decider.evolve, state));
            },
          };
        },
      };
    },
  };
}
