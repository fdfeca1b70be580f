import type { Either } from "fp-ts/lib/Either.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { GitResolver } from "../ports/git.js";
import type { EventStore } from "../ports/event-store.js";
import type { SecretVault } from "../ports/secret-vault.js";
import { decodeControlPlaneCommand, type ControlPlaneCommand } from "../commands.js";
import { parseActor } from "../authorization/actor.js";
import { DomainErrors } from "../errors.js";
import { boundedText } from "../codec/primitives.js";
import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { CommandEnvelope, CommandHandler } from "./command-handler.types.js";
import { createCommandHandler } from "./command-handler.js";
import { createCachedReader } from "./cached-reader.js";
import { Dispatch, rejected, type ControlPlaneFailure, type DispatchSuccess, type Step } from "./dispatch-context.js";
import { declaredStreams, runFlow, type Flow } from "./flow.js";
import { FLOWS } from "./flow-table.js";

export type { ControlPlaneFailure, DispatchSuccess, StreamOutcome } from "./dispatch-context.js";

export interface ControlPlaneOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly git: GitResolver;
  /** Defaults to `createCommandHandler({ store, clock, ids, sha256 })`. */
  readonly handler?: CommandHandler;
  /** SHA-256 for the default handler's chain links (ignored when `handler` is given); default: the portable JavaScript one. */
  readonly sha256?: Sha256Hasher;
  /** Where secret values are kept; without one, values are accepted and dropped (events never hold them either way). */
  readonly vault?: SecretVault;
}

export interface ControlPlane {
  /**
   * Authorizes the actor, loads the context the command needs (organization, project, deployment, git), and runs the
   * target streams' deciders through the command handler. Never throws for bad input: a Left says what was wrong.
   */
  dispatch(envelope: CommandEnvelope<ControlPlaneCommand>): Promise<Either<ControlPlaneFailure, DispatchSuccess>>;
}

/**
 * Command, correlation and causation ids end up in every event's metadata, which stores bound at 200 characters; 180
 * leaves room for the derived ids of follow-up writes (`<command id>:index-<n>`). Bounded text has no NUL and no lone
 * surrogate either, which every store refuses in metadata: this one check covers all the envelope's ids need.
 */
const ENVELOPE_ID = boundedText("a non-blank id of at most 180 characters", 180, true);

function envelopeProblem(envelope: CommandEnvelope<unknown>): string | undefined {
  if (!ENVELOPE_ID.is(envelope.commandId)) return "commandId";
  if (envelope.correlationId !== undefined && !ENVELOPE_ID.is(envelope.correlationId)) return "correlationId";
  if (envelope.causationId !== undefined && !ENVELOPE_ID.is(envelope.causationId)) return "causationId";
  return undefined;
}

/** The command's flow: reads the streams it declares together, then runs it. */
async function route<C extends ControlPlaneCommand>(run: Dispatch, command: C): Step<DispatchSuccess> {
  // The table is keyed by command type, so the flow found is the one for C (TypeScript cannot follow that through the index).
  const flow = FLOWS[command.type] as Flow<C>;
  await run.readAhead(declaredStreams(flow, command, run));
  return runFlow(flow, run, command);
}

export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  // One reader for context loads and the handler's own loads: each stream is folded once per process, then extended.
  const reader = createCachedReader(options.store);
  const handler =
    options.handler ??
    createCommandHandler({
      store: options.store,
      clock: options.clock,
      ids: options.ids,
      reader,
      ...(options.sha256 ? { sha256: options.sha256 } : {}),
    });
  const ports = {
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    git: options.git,
    handler,
    reader,
    sha256: options.sha256 ?? nobleSha256Hex,
    ...(options.vault ? { vault: options.vault } : {}),
  };
  return {
    async dispatch(envelope) {
      // Typed callers can still pass anything at run time (JSON, fuzzers): the codec has the last word.
      const command = decodeControlPlaneCommand(envelope.command);
      if (command._tag === "Left") return rejected(command.left);
      const badField = envelopeProblem(envelope);
      if (badField !== undefined) {
        return rejected(
          DomainErrors.invalidCommand(badField, ENVELOPE_ID.name, `Envelope field '${badField}' must be ${ENVELOPE_ID.name}.`),
        );
      }
      const actor = parseActor(envelope.actor);
      if (actor._tag === "Left") return rejected(actor.left);
      const run = new Dispatch(ports, { ...envelope, command: command.right }, actor.right);
      return route(run, command.right);
    },
  };
}
