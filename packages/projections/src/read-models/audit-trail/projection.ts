import { organizationOf, type DomainProjection } from "../shared/domain-projection.js";
import { jsonArray, jsonEntries, jsonObject } from "../shared/json-shape.js";
import { entriesFromJson, entriesToJson } from "../shared/nested-map.js";

/**
 * One organization's trail, column by column: the trail holds an entry per event, so it is kept as parallel arrays
 * of small integers (strings interned once) rather than an object per entry — a few dozen bytes an event.
 */
export interface OrganizationTrail {
  readonly positions: number[];
  readonly times: string[];
  /** Interned actor keys (`github:<id>`, `system:<name>`). */
  readonly actors: number[];
  /** Interned event types. */
  readonly actions: number[];
  /**
   * Stream names: the entity acted on. Not interned — nearly every stream is an execution's, seen in a few
   * consecutive events and never again — but consecutive entries of one stream share one string.
   */
  readonly entities: string[];
  /** Interned project key the event concerns, or -1. */
  readonly projects: number[];
  /** Interned schedule name a ScheduleEnabled / ScheduleDisabled changed, or -1. */
  readonly schedules: number[];
}

export interface AuditTrailState {
  /** Interned actors, event types and project keys, in order of first use. */
  readonly strings: string[];
  readonly ids: Map<string, number>;
  /** Billing account number -> trail. User events (sign-up, login change) belong to no organization's trail. */
  readonly trails: Map<string, OrganizationTrail>;
  /** The previous event's strings and what they resolved to. A cache, not serialized. */
  readonly last: LastSeen;
}

/**
 * Consecutive events mostly share their stream, organization, project, actor and time (a command appends its events
 * together; an execution's lifecycle is one stream). Comparing with the previous event's strings is cheaper than
 * hashing the fresh strings every row of the store brings, and keeps one copy of each.
 */
interface LastSeen {
  organization: string;
  trail: OrganizationTrail | undefined;
  stream: string;
  project: string;
  projectId: number;
  actor: string;
  actorId: number;
  time: string;
}

const lastSeen = (): LastSeen => ({
  organization: "",
  trail: undefined,
  stream: "",
  project: "",
  projectId: -1,
  actor: "",
  actorId: -1,
  time: "",
});

function intern(state: AuditTrailState, text: string): number {
  let id = state.ids.get(text);
  if (id === undefined) {
    id = state.strings.length;
    state.strings.push(text);
    state.ids.set(text, id);
  }
  return id;
}

const emptyTrail = (): OrganizationTrail => ({
  positions: [],
  times: [],
  actors: [],
  actions: [],
  entities: [],
  projects: [],
  schedules: [],
});

/** The stored form of a trail: entities as indexes into the state's `streams` table. */
// A type alias, not an interface: only an alias is assignable to JsonValue's index signature.
type TrailJson = {
  readonly positions: number[];
  readonly times: string[];
  readonly actors: number[];
  readonly actions: number[];
  readonly entities: number[];
  readonly projects: number[];
  readonly schedules: number[];
};

/** Numbers the stream names of every trail in trail order (so equal trails give equal JSON, however they were built). */
function streamsTable(trails: ReadonlyMap<string, OrganizationTrail>): { readonly streams: string[]; readonly ids: Map<string, number> } {
  const streams: string[] = [];
  const ids = new Map<string, number>();
  for (const trail of trails.values()) {
    for (const stream of trail.entities) {
      if (!ids.has(stream)) {
        ids.set(stream, streams.length);
        streams.push(stream);
      }
    }
  }
  return { streams, ids };
}

/** Who did what to which entity and when, per organization. */
export const auditTrail: DomainProjection<AuditTrailState> = {
  name: "audit-trail",
  // Version 3: the schedule an enable/disable changed.
  version: 3,
  initialState: () => ({ strings: [], ids: new Map(), trails: new Map(), last: lastSeen() }),
  apply(state, event, recorded) {
    const organization = organizationOf(event);
    if (organization === undefined) return state;
    const last = state.last;
    let trail = last.trail;
    if (trail === undefined || last.organization !== organization) {
      trail = state.trails.get(organization);
      if (trail === undefined) {
        trail = emptyTrail();
        state.trails.set(organization, trail);
      }
      last.organization = organization;
      last.trail = trail;
    }
    const stream = recorded.streamName;
    if (last.stream !== stream) last.stream = stream;
    const projectKey = (event.data as { readonly projectKey?: string }).projectKey;
    let project = -1;
    if (projectKey !== undefined) {
      if (last.projectId < 0 || last.project !== projectKey) {
        last.projectId = intern(state, projectKey);
        last.project = projectKey;
      }
      project = last.projectId;
    }
    const actor = recorded.metadata.actor;
    if (last.actorId < 0 || last.actor !== actor) {
      last.actorId = intern(state, actor);
      last.actor = actor;
    }
    const time = recorded.metadata.occurredAt;
    if (last.time !== time) last.time = time;
    trail.positions.push(recorded.globalPosition);
    trail.times.push(last.time);
    trail.actors.push(last.actorId);
    // The decoded type: a decoder may hand out the definition's own (already hashed) string for it.
    trail.actions.push(intern(state, event.type));
    trail.entities.push(last.stream);
    trail.projects.push(project);
    trail.schedules.push(event.type === "ScheduleEnabled" || event.type === "ScheduleDisabled" ? intern(state, event.data.schedule) : -1);
    return state;
  },
  toJson(state) {
    const { streams, ids } = streamsTable(state.trails);
    return {
      strings: [...state.strings],
      streams,
      trails: entriesToJson(state.trails, (t): TrailJson => ({
        positions: [...t.positions],
        times: [...t.times],
        actors: [...t.actors],
        actions: [...t.actions],
        entities: t.entities.map((stream) => ids.get(stream) as number),
        projects: [...t.projects],
        schedules: [...t.schedules],
      })),
    };
  },
  fromJson(json) {
    const o = jsonObject(json, "audit-trail");
    const strings = [...(jsonArray(o["strings"], "audit-trail strings") as string[])];
    const streams = jsonArray(o["streams"], "audit-trail streams") as string[];
    const trails = entriesFromJson(jsonEntries<TrailJson>(o["trails"], "audit-trail trails"), (t) => {
      const copy: OrganizationTrail = {
        positions: [...t.positions],
        times: [...t.times],
        actors: [...t.actors],
        actions: [...t.actions],
        entities: t.entities.map((id) => {
          const stream = streams[id];
          if (typeof stream !== "string") throw new TypeError(`audit-trail: no stream numbered ${String(id)}`);
          return stream;
        }),
        projects: [...t.projects],
        schedules: [...(jsonArray(t.schedules, "audit-trail schedules") as number[])],
      };
      const n = copy.positions.length;
      if ([copy.times, copy.actors, copy.actions, copy.entities, copy.projects, copy.schedules].some((c) => c.length !== n)) {
        throw new TypeError("audit-trail: columns of different lengths");
      }
      return copy;
    });
    return { strings, ids: new Map(strings.map((s, i) => [s, i])), trails, last: lastSeen() };
  },
};
