import type { ControlPlaneCommand, ControlPlaneFailure, DispatchSuccess, EventStore, IdGenerator, SecretVault } from "@cloud-ledger/domain";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import type { Clock } from "@cloud-ledger/domain";
import type { Identity } from "../session/session-file.js";
import { CliFailure } from "./cli-errors.js";

export interface ControlPlaneClient {
  /** Runs one command as `identity`; a rejection becomes a CliFailure carrying the domain's code and message. */
  dispatch(identity: Identity, command: ControlPlaneCommand): Promise<DispatchSuccess>;
  /** Runs one command as the platform (`system:<name>`), e.g. what a runner reports about an execution. */
  dispatchAsSystem(name: string, command: ControlPlaneCommand): Promise<DispatchSuccess>;
  readonly ids: IdGenerator;
}

export function describeFailure(failure: ControlPlaneFailure): CliFailure {
  switch (failure.kind) {
    case "rejected":
      return new CliFailure(failure.error.message, failure.error.code);
    case "conflict":
      return new CliFailure(`${failure.message} (stream '${failure.streamName}', ${failure.attempts} attempts)`, "conflict");
    case "corrupt":
      return new CliFailure(
        `Corrupt event in stream '${failure.streamName}' at version ${failure.version}: ${failure.message}`,
        "corrupt-event",
      );
  }
}

export interface ControlPlaneClientOptions {
  readonly store: EventStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Where relative repository paths resolve (default: the current folder). */
  readonly baseDirectory?: string;
  /** Where secret values go (`config env set`); without one the control plane records names and drops values. */
  readonly vault?: SecretVault;
}

/**
 * The control plane over the CLI's store, real git and the system clock. A person is signed up (idempotently: same
 * login → nothing recorded, a new login → a login change) before their first command in this store, which is what a
 * GitHub sign-in does in Meltano Cloud.
 */
export function createControlPlaneClient(options: ControlPlaneClientOptions): ControlPlaneClient {
  const ids = options.ids ?? createIdGenerator();
  // The deciders (with the manifest and cron code they validate by) and git load with the first dispatch: a read
  // command never dispatches, and loading them took a good part of its start-up (bench/NOTES.md, "CLI start-up and reads").
  const controlPlane = lazy(async () => (await import("./create-control-plane.js")).nodeControlPlane(options, ids));
  const signedUp = new Set<string>();
  const send = async (actor: string, command: ControlPlaneCommand): Promise<DispatchSuccess> => {
    const outcome = await (await controlPlane()).dispatch({ command, commandId: ids.ulid(), actor });
    if (outcome._tag === "Left") throw describeFailure(outcome.left);
    return outcome.right;
  };
  return {
    ids,
    async dispatch(identity, command) {
      if (!signedUp.has(identity.githubUserId)) {
        await send(`github:${identity.githubUserId}`, { type: "SignUpUser", githubUserId: identity.githubUserId, login: identity.login });
        signedUp.add(identity.githubUserId);
      }
      return send(`github:${identity.githubUserId}`, command);
    },
    dispatchAsSystem: (name, command) => send(`system:${name}`, command),
  };
}

/** `load` run once, on the first call; a failed load is retried by the next call. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
