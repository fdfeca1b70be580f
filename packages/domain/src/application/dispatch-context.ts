import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { DomainError } from "../errors.js";
import { DomainErrors } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { GitResolver, GitResolution } from "../ports/git.js";
import type { EventStore, RecordedEvent } from "../ports/event-store.js";
import type { SecretVault } from "../ports/secret-vault.js";
import type { ControlPlaneCommand, ControlPlaneCommandType } from "../commands.js";
import type { Actor } from "../authorization/actor.js";
import { authorizeInOrganization } from "../authorization/authorize.js";
import { organizationDecider } from "../organization/decider.js";
import type { OrganizationState } from "../organization/state.js";
import { organizationEventSerde, projectEventSerde } from "../events.js";
import { organizationStream, projectStream } from "../streams.js";
import { projectDecider } from "../project/decider.js";
import type { ActiveProject } from "../project/state.js";
import type {
  CommandEnvelope,
  CommandHandler,
  EventSerde,
  HandleRequest,
  HandleSuccess,
  HandlerFailure,
  LeadEvent,
} from "./command-handler.types.js";
import { adhocExecutionIdOf } from "../naming/keys.js";
import type { Sha256Hasher } from "../integrity/hash-chain.js";
import type { LoadedStream, StreamReader } from "./stream-reader.js";
import { envelopeFor } from "./envelope-for.js";
import { decodeRecordedDomainEvents, type RecordedDomainEvent } from "./recorded-domain-event.js";

export type ControlPlaneFailure = HandlerFailure<DomainError>;
export type Step<T> = Promise<Either<ControlPlaneFailure, T>>;

export interface StreamOutcome {
  readonly streamName: string;
  /** The stream's version after this command. */
  readonly version: number;
  readonly appended: number;
  /** True when this stream had already recorded the command id. */
  readonly duplicate: boolean;
}

export interface DispatchSuccess {
  /** Every event this command appended (or, when repeated, had appended), in the order they were written, decoded. */
  readonly events: readonly RecordedDomainEvent[];
  /** True when this command id had already been handled: some stream recognised it and nothing new was written. */
  readonly duplicate: boolean;
  readonly streams: readonly StreamOutcome[];
  /** Parts of a fan-out command that were refused while the rest went ahead (e.g. one deployment of a branch push). */
  readonly rejections: readonly { readonly streamName: string; readonly error: DomainError }[];
}

export interface DispatchPorts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly git: GitResolver;
  readonly handler: CommandHandler;
  readonly vault?: SecretVault;
  /** The process's reader; each dispatch reads through a scope of it. */
  readonly reader: StreamReader;
  readonly sha256: Sha256Hasher;
}

/** How `Dispatch.load` reads a stream. */
export interface DispatchLoadOptions {
  /** Also return what this command id already wrote to the stream (`byCommand`: a retried command). */
  readonly seen?: boolean;
  /** Read the store now, whatever an earlier read of this dispatch left at hand. */
  readonly fresh?: boolean;
}

export const rejected = (error: DomainError): Either<ControlPlaneFailure, never> => left({ kind: "rejected", error });

/** One dispatch: runs deciders on streams under the command's envelope and collects what was written. */
export class Dispatch {
  readonly outcomes: StreamOutcome[] = [];
  readonly events: RecordedEvent[] = [];
  readonly rejections: { readonly streamName: string; readonly error: DomainError }[] = [];
  /** This dispatch's view of the reader: what it reads ahead stays its own. */
  private readonly reader: StreamReader;
  private adhocId: string | undefined;

  constructor(
    readonly ports: DispatchPorts,
    readonly envelope: CommandEnvelope<ControlPlaneCommand>,
    readonly actor: Actor,
  ) {
    this.reader = ports.reader.scope();
  }

  get commandType(): ControlPlaneCommandType {
    return this.envelope.command.type;
  }

  /** The id of the ad-hoc execution this command requests when it names none (derived once per dispatch). */
  adhocExecutionId(organization: string): string {
    this.adhocId ??= adhocExecutionIdOf(organization, this.envelope.commandId, this.ports.sha256);
    return this.adhocId;
  }

  /**
   * Declares streams this dispatch is about to read, so the reader may read them together (one store call when the
   * store can). Flows declare what the command names up front (see flow.ts); what only state tells (a fan-out over a
   * register's entries) a flow reads ahead here once it knows it. Anything going wrong only means the loads read.
   */
  readAhead(streamNames: readonly string[]): Promise<void> {
    return this.reader.readAhead(streamNames);
  }

  /** The handler request for `command` on a stream under this dispatch's envelope; spends the stream's tail. */
  private request<C, E, S>(
    streamName: string,
    decider: Decider<C, E, S, DomainError>,
    serde: EventSerde<E>,
    command: C,
    commandId: string,
  ): HandleRequest<C, E, S, DomainError> {
    return { streamName, decider, serde, envelope: envelopeFor(this.envelope, command, commandId), reader: this.reader };
  }

  private record(streamName: string, done: HandleSuccess<unknown>): void {
    const { events, version, duplicate } = done;
    this.outcomes.push({ streamName, version, appended: duplicate ? 0 : events.length, duplicate });
    this.events.push(...events);
  }

  /** Decides `command` on a stream through the command handler (idempotent per command id, retried on conflicts). */
  async exec<C, E, S>(
    streamName: string,
    decider: Decider<C, E, S, DomainError>,
    serde: EventSerde<E>,
    command: C,
    /** A follow-up write of this command that must not be mistaken for its first one (default: the command's id). */
    commandId: string = this.envelope.commandId,
  ): Step<HandleSuccess<S>> {
    const result = await this.ports.handler.handle(this.request(streamName, decider, serde, command, commandId));
    if (result._tag === "Right") this.record(streamName, result.right);
    return result;
  }

  /** True when the store and handler write two streams in one transaction (`execPair` may be used). */
  get atomicPairs(): boolean {
    return this.ports.store.appendStreams !== undefined && this.ports.handler.handlePair !== undefined;
  }

  /**
   * Decides `command` on a lead stream and the command `follow` derives from the lead's new state on a follower
   * stream, and writes both in one transaction (only when `atomicPairs`): both land or neither does.
   */
  async execPair<C1, E1, S1, C2, E2, S2>(
    lead: {
      readonly streamName: string;
      readonly decider: Decider<C1, E1, S1, DomainError>;
      readonly serde: EventSerde<E1>;
      readonly command: C1;
    },
    follower: {
      /** The stream, or how it follows from the lead's new state. */
      readonly streamName: string | ((lead: S1) => string);
      readonly decider: Decider<C2, E2, S2, DomainError>;
      readonly serde: EventSerde<E2>;
      readonly follow: (lead: S1, leadEvents: readonly LeadEvent[]) => C2;
    },
  ): Step<readonly [HandleSuccess<S1>, HandleSuccess<S2>]> {
    const handler = this.ports.handler;
    if (handler.handlePair === undefined) throw new Error("execPair needs a handler whose store has appendStreams (check atomicPairs)");
    const first = this.request(lead.streamName, lead.decider, lead.serde, lead.command, this.envelope.commandId);
    const { streamName, decider, serde, follow } = follower;
    const result = await handler.handlePair(first, { streamName, decider, serde, command: follow });
    if (result._tag === "Right") {
      this.record(lead.streamName, result.right[0]);
      // The handler derived a computed follower stream from the same lead state.
      this.record(typeof streamName === "string" ? streamName : streamName(result.right[0].state), result.right[1]);
    }
    return result;
  }

  /**
   * A stream as it stands, for context (no append): its state, version and last event's time ("" when empty). With
   * `seen`, also what this command id already wrote there (`byCommand`, empty unless this is a retried command); with
   * `fresh`, read from the store now, never from an earlier read. One method for every load, handing on the reader's
   * answer as it is: no wrapper, no copy, no extra step on the path every command takes.
   */
  load<C, E, S>(
    streamName: string,
    decider: Decider<C, E, S, DomainError>,
    serde: EventSerde<E>,
    options?: DispatchLoadOptions,
  ): Step<LoadedStream<S>> {
    if (options === undefined) return this.reader.load(streamName, decider, serde);
    const commandId = options.seen === true ? this.envelope.commandId : undefined;
    return this.reader.load(streamName, decider, serde, {
      ...(commandId === undefined ? {} : { commandId }),
      ...(options.fresh === true ? { fresh: true } : {}),
    });
  }

  /**
   * Answers a retry from what this command id wrote to a stream the first time, recorded as a duplicate outcome.
   * Right(false) when it wrote nothing there.
   */
  async recall<C, E, S>(streamName: string, decider: Decider<C, E, S, DomainError>, serde: EventSerde<E>): Step<boolean> {
    const loaded = await this.load(streamName, decider, serde, { seen: true });
    if (loaded._tag === "Left") return loaded;
    const { byCommand, state, version } = loaded.right;
    if (byCommand.length === 0) return right(false);
    this.record(streamName, { events: byCommand, state, version, duplicate: true });
    return right(true);
  }

  async organization(organization: string): Step<OrganizationState> {
    const loaded = await this.reader.load(organizationStream(organization), organizationDecider, organizationEventSerde);
    return loaded._tag === "Left" ? loaded : right(loaded.right.state);
  }

  /** Loads the organization and checks the actor may issue this command in it. */
  async authorize(organization: string): Step<OrganizationState> {
    const loaded = await this.reader.load(organizationStream(organization), organizationDecider, organizationEventSerde);
    if (loaded._tag === "Left") return loaded;
    const allowed = authorizeInOrganization(this.commandType, this.actor, organization, loaded.right.state);
    return allowed._tag === "Left" ? rejected(allowed.left) : right(loaded.right.state);
  }

  /** The project, only if it belongs to the organization: another organization's project reads as missing. */
  async project(organization: string, projectKey: string): Step<ActiveProject> {
    const loaded = await this.reader.load(projectStream(projectKey), projectDecider, projectEventSerde);
    if (loaded._tag === "Left") return loaded;
    const state = loaded.right.state;
    if (state.status !== "active" || state.organization !== organization) {
      return rejected(DomainErrors.projectNotFound(organization, projectKey));
    }
    return right(state);
  }

  async resolve(repository: string, revision: string, rootPath: string): Step<GitResolution> {
    const resolved = await this.ports.git.resolve({ repository, revision, rootPath });
    if (resolved._tag === "Right") return right(resolved.right);
    return rejected(DomainErrors.gitResolutionFailed(resolved.left.kind, resolved.left.message));
  }

  /**
   * What the command wrote, decoded against the event catalog. A handler given by the embedder may return anything:
   * an event the catalog does not know reads as corrupt rather than reaching the caller mistyped.
   */
  success(): Either<ControlPlaneFailure, DispatchSuccess> {
    const events = decodeRecordedDomainEvents(this.events);
    if (events._tag === "Left") {
      const { event, message } = events.left;
      return left({ kind: "corrupt", streamName: event.streamName, version: event.version, message });
    }
    return right({
      events: events.right,
      duplicate: this.outcomes.some((o) => o.duplicate) && this.outcomes.every((o) => o.duplicate || o.appended === 0),
      streams: this.outcomes,
      rejections: this.rejections,
    });
  }
}
